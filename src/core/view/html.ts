/** Text from users and from `container` goes into webview pages only through here. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface WebviewPage {
  /** The tab's title (escaped here). */
  title: string;
  /** The page's own heading (escaped here). */
  heading: string;
  /** The Content-Security-Policy, already built from trusted parts. */
  csp: string;
  /** The nonce the one inline style carries. */
  nonce: string;
  style: string;
  /** The page's body, already escaped where it holds outside text. */
  body: string;
}

/** The frame every Slipway webview page shares: no scripts, one nonced style, a strict CSP. */
export function webviewPage(page: WebviewPage): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${page.csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(page.title)}</title>
<style nonce="${page.nonce}">${page.style}</style>
</head>
<body>
<h1>${escapeHtml(page.heading)}</h1>
${page.body}
</body>
</html>
`;
}
