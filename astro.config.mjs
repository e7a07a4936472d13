// @ts-check
// The course site: Starlight with English at the root and Simplified Chinese
// under /zh-cn/, the same slugs in both. The lab server serves the built dist/.
import starlight from '@astrojs/starlight';
import { defineConfig } from 'astro/config';
import starlightLinksValidator from 'starlight-links-validator';

/** The chapters in reading order: slug, then the sidebar label in Chinese. */
const chapters = [
  ['host-network', '1. host 网络'],
  ['bridge-network', '2. bridge 网络与 veth'],
  ['user-defined-networks', '3. 用户自定义网络'],
  ['custom-subnets', '4. 自定义子网与网关'],
  ['static-ips', '5. 固定容器 IP'],
  ['connecting-bridges', '6. 跨网桥互通'],
  ['pod-network', '7. Kubernetes Pod 网络'],
  ['services', '8. Service 与 NodePort'],
  ['ingress', '9. Ingress'],
];
const englishLabels = [
  '1. Host network',
  '2. Bridge network and veth',
  '3. User-defined networks',
  '4. Custom subnet and gateway',
  '5. Static container IPs',
  '6. Connecting bridges',
  '7. Kubernetes pod network',
  '8. Services and NodePort',
  '9. Ingress',
];

export default defineConfig({
  // Chapter 7 used to cover pods and Services in one page; old links land on its first half.
  redirects: {
    '/kubernetes-networking/': '/pod-network/',
    '/zh-cn/kubernetes-networking/': '/zh-cn/pod-network/',
  },
  // Only used for absolute URLs in the sitemap and canonical links; the site is
  // served by whatever host runs the lab server, so no page depends on it.
  site: 'https://netlab.example',
  integrations: [
    starlight({
      title: 'Netlab',
      description:
        'Learn Docker and Kubernetes networking by doing: every chapter has a live Linux machine with its own Docker engine.',
      defaultLocale: 'root',
      locales: {
        root: { label: 'English', lang: 'en' },
        'zh-cn': { label: '简体中文', lang: 'zh-CN' },
      },
      // The site title next to the logo already says "Netlab"; an alt text would repeat it.
      logo: { src: './src/assets/logo.svg' },
      favicon: '/favicon.svg',
      customCss: ['./src/styles/netlab.css'],
      // The landing page's hero shows a wide picture of the product whole (Starlight's squares it).
      components: { Hero: './src/components/Hero.astro' },
      head: [
        // `?embed` (an LMS iframe): the page without the site's chrome (src/styles/netlab.css).
        // Inline in <head> so the chrome never paints; dropping Starlight's sidebar and
        // table-of-contents flags makes its layout give the article the whole width.
        {
          tag: 'script',
          content:
            "if(new URLSearchParams(location.search).has('embed')){var r=document.documentElement;r.classList.add('netlab-embed');r.removeAttribute('data-has-sidebar');r.removeAttribute('data-has-toc')}",
        },
      ],
      sidebar: [
        {
          label: 'Chapters',
          translations: { 'zh-CN': '章节' },
          items: chapters.map(([slug, zh], i) => ({
            slug: String(slug),
            label: String(englishLabels[i]),
            translations: { 'zh-CN': String(zh) },
          })),
        },
        {
          label: 'Reference',
          translations: { 'zh-CN': '参考' },
          items: [
            { slug: 'reference/glossary' },
            { slug: 'reference/lab-format' },
            { slug: 'reference/self-hosting' },
            { slug: 'reference/workshops' },
          ],
        },
      ],
      // Fails `astro build` on a link to a page or heading that does not exist.
      plugins: [
        starlightLinksValidator({ errorOnFallbackPages: true, errorOnInconsistentLocale: true }),
      ],
    }),
  ],
});
