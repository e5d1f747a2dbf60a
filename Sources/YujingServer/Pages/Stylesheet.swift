/// The UI's one stylesheet, served by yujing itself: the office network has no internet, so no
/// font or framework is fetched from elsewhere. System Chinese fonts, in the order offices have them.
enum Stylesheet {
  static let css = """
    :root { --ink: #1d2330; --muted: #5b6475; --line: #d9dde5; --red: #b71c1c; --accent: #1f4e9a;
      --blue: #1565c0; --yellow: #b58100; --orange: #d35400; --bg: #f6f7f9; }
    * { box-sizing: border-box; }
    body { margin: 0; color: var(--ink); background: var(--bg); line-height: 1.5;
      font: 15px/1.55 "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif; }
    header { display: flex; align-items: center; gap: 2rem; padding: .6rem 1.5rem; background: #fff;
      border-bottom: 3px solid var(--red); }
    header .brand { font-weight: 700; color: var(--red); letter-spacing: .05em; }
    header nav { display: flex; gap: 1.2rem; flex: 1; }
    header nav a { color: var(--ink); text-decoration: none; padding: .2rem 0; }
    header nav a[aria-current] { border-bottom: 2px solid var(--accent); color: var(--accent); }
    .signout { margin: 0; color: var(--muted); }
    main { max-width: 1200px; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
    h1 { font-size: 1.35rem; margin: .8rem 0 1rem; }
    h2 { font-size: 1.1rem; margin: 1.6rem 0 .6rem; }
    a { color: var(--accent); }
    table { width: 100%; border-collapse: collapse; background: #fff; }
    th, td { text-align: left; padding: .45rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
    th { background: #eef1f6; font-weight: 600; white-space: nowrap; }
    td.number { text-align: right; font-variant-numeric: tabular-nums; }
    .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: 1rem; }
    .card { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .8rem 1rem; }
    .card h2 { margin: 0 0 .5rem; font-size: 1rem; }
    .card .big { font-size: 1.8rem; font-weight: 700; }
    .level-blue { color: var(--blue); } .level-yellow { color: var(--yellow); }
    .level-orange { color: var(--orange); } .level-red { color: var(--red); }
    .badge { display: inline-block; padding: 0 .45rem; border-radius: 3px; background: #eef1f6; font-size: .85rem; }
    .badge.draft { background: #fff3cd; } .badge.rejected, .badge.superseded { background: #eee; color: var(--muted); }
    .badge.approved, .badge.sent, .badge.acknowledged { background: #dff3e4; }
    .warning { background: #fff3cd; border: 1px solid #e5c770; padding: .6rem .9rem; border-radius: 4px; }
    .error { background: #fde2e1; border: 1px solid #e8a3a0; padding: .6rem .9rem; border-radius: 4px; }
    form.inline { display: inline; }
    form.filters { display: flex; flex-wrap: wrap; gap: .6rem; align-items: end; margin-bottom: 1rem; }
    label { display: block; font-size: .9rem; color: var(--muted); }
    input, select, textarea, button { font: inherit; }
    input, select, textarea { padding: .3rem .45rem; border: 1px solid #b9c0cc; border-radius: 4px; background: #fff; }
    textarea { width: 100%; min-height: 18rem; }
    button { padding: .35rem .9rem; border-radius: 4px; border: 1px solid var(--accent); background: var(--accent);
      color: #fff; cursor: pointer; }
    button.secondary { background: #fff; color: var(--accent); }
    button.danger { background: var(--red); border-color: var(--red); }
    .actions { display: grid; grid-template-columns: repeat(auto-fit, minmax(280px, 1fr)); gap: 1rem; margin: 1rem 0; }
    .actions form { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .8rem 1rem; }
    .actions form > * + * { margin-top: .5rem; }
    iframe.document { width: 100%; height: 80vh; border: 1px solid var(--line); background: #fff; }
    .login { max-width: 360px; margin: 4rem auto; background: #fff; padding: 1.5rem; border-radius: 6px;
      border: 1px solid var(--line); }
    .login input { width: 100%; margin-bottom: .8rem; }
    .pager { margin-top: 1rem; display: flex; gap: 1rem; align-items: center; color: var(--muted); }
    dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; background: #fff;
      padding: .8rem 1rem; border: 1px solid var(--line); border-radius: 6px; }
    dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; }
    """
}
