# Asks the kernel for things a contained reader must be refused, from inside a
# sandbox (perl-base is in every Debian image; it calls any system call). Each
# probe prints "allowed" or "refused <errno name>" and undoes what it got at once
# (closes the descriptor); none reads or writes a kernel control file.
#
#   perl - <probe> [args]   with this file on stdin
#     handle <file>      open_by_handle_at with a handle forged to inode 2 (the "shocker" escape)
#     bpf                load a two-instruction kprobe (tracing) BPF program
#     perf               open a system-wide CPU clock perf event (pid -1, cpu 0)
#     fanotify <file>    watch the whole filesystem under <file>
#     keyring            print the serial of this user's keyring
use strict;
use warnings;
use POSIX qw(uname);
use Errno;

my %NR = (
  x86_64  => { open_by_handle_at => 304, bpf => 321, perf_event_open => 298, fanotify_init => 300, fanotify_mark => 301, keyctl => 250 },
  aarch64 => { open_by_handle_at => 265, bpf => 280, perf_event_open => 241, fanotify_init => 262, fanotify_mark => 263, keyctl => 219 },
);
my $nr = $NR{ (uname())[4] } or die "no syscall numbers for this machine\n";

sub verdict {
  my ($result) = @_;
  if ($result >= 0) { POSIX::close($result) if $_[1]; print "allowed\n"; return; }
  my $err = $! + 0;
  my ($name) = grep { eval { no strict 'refs'; &{"Errno::$_"}() == $err } } qw(EPERM EACCES EINVAL ENOSYS EOPNOTSUPP ENOENT ESTALE EBADF);
  print "refused ", ($name // $err), "\n";
}

sub addr { unpack('Q', pack('p', $_[0])) }

my ($probe, $arg) = @ARGV;
if ($probe eq 'handle') {
  open(my $fh, '<', $arg) or die "open $arg: $!\n";
  # struct file_handle: 8 bytes of FILEID_INO32_GEN (type 1) naming inode 2, generation 0.
  my $handle = pack('LlLL', 8, 1, 2, 0);
  verdict(syscall($nr->{open_by_handle_at}, fileno($fh), $handle, 0), 1);
} elsif ($probe eq 'bpf') {
  my $insns = pack('C8C8', 0xb7, 0, 0, 0, 0, 0, 0, 0, 0x95, 0, 0, 0, 0, 0, 0, 0);
  my $license = "GPL\0";
  # union bpf_attr for BPF_PROG_LOAD: prog_type 2 (kprobe), 2 instructions, the rest zero.
  my $attr = pack('LLQQLLQLL', 2, 2, addr($insns), addr($license), 0, 0, 0, 0, 0) . ("\0" x 80);
  verdict(syscall($nr->{bpf}, 5, $attr, length($attr)), 1);
} elsif ($probe eq 'perf') {
  # struct perf_event_attr: PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CPU_CLOCK, disabled.
  my $attr = pack('LLQQQQQ', 1, 112, 0, 0, 0, 0, 1) . ("\0" x 64);
  verdict(syscall($nr->{perf_event_open}, $attr, -1, 0, -1, 0), 1);
} elsif ($probe eq 'fanotify') {
  my $fd = syscall($nr->{fanotify_init}, 0, 0);
  if ($fd < 0) { verdict($fd); exit 0; }
  # FAN_MARK_ADD | FAN_MARK_FILESYSTEM, FAN_OPEN, AT_FDCWD.
  my $r = syscall($nr->{fanotify_mark}, $fd, 0x1 | 0x100, 0x20, -100, $arg);
  POSIX::close($fd);
  verdict($r < 0 ? $r : 0);
} elsif ($probe eq 'keyring') {
  # KEYCTL_GET_KEYRING_ID of KEY_SPEC_USER_KEYRING, created if missing.
  my $serial = syscall($nr->{keyctl}, 0, -4, 1);
  die "keyctl: $!\n" if $serial < 0;
  print "$serial\n";
} else {
  die "unknown probe $probe\n";
}
