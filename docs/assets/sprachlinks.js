// Material for MkDocs fetches sitemap.xml next to every <link rel="alternate"> of a page: it expects links to
// the root of each language. Ours name this same page in every language, for search engines, which read them
// from the HTML (the sitemap lists them as well). Taken out of the live page before Material starts, they
// cause no requests for sitemaps that do not exist.
for (const link of document.querySelectorAll('link[rel="alternate"][hreflang]')) {
  link.remove();
}
