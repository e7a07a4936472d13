# Turns on btrfs simple quotas ("squota", Linux 6.7+) on a mounted filesystem,
# replacing classic quotas if those are on. Classic quotas are marked
# inconsistent, and stop counting, each time Docker removes a container's
# subvolume and its quota group; simple quotas count what each subvolume
# writes and stay exact. btrfs-progs learned `quota enable --simple` only in
# 6.7, so the ioctl is called here: perl-base is on every Debian machine.
#
#   perl simple-quota.pl <mount point>
use strict;
use warnings;
use Fcntl qw(O_RDONLY O_DIRECTORY);

# BTRFS_IOC_QUOTA_CTL = _IOWR(0x94, 40, struct btrfs_ioctl_quota_ctl_args { u64 cmd; u64 status; })
my $QUOTA_CTL = 0xC0109428;
my ($DISABLE, $ENABLE_SIMPLE) = (2, 4);

my $mount = shift or die "usage: simple-quota.pl <mount point>\n";
sysopen(my $dir, $mount, O_RDONLY | O_DIRECTORY) or die "open $mount: $!\n";
my $mode = shift // 'unknown';
if ($mode eq 'qgroup') {
  my $args = pack('QQ', $DISABLE, 0);
  ioctl($dir, $QUOTA_CTL, $args) or die "disabling classic quotas on $mount: $!\n";
}
my $args = pack('QQ', $ENABLE_SIMPLE, 0);
ioctl($dir, $QUOTA_CTL, $args) or die "enabling simple quotas on $mount: $!\n";
