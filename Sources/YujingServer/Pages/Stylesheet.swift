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
    .badge { display: inline-block; padding: 0 .45rem; border-radius: 3px; background: #eef1f6; font-size: .85rem;
      white-space: nowrap; }
    td.date, td.number-text, td.kind, td.level, td.state { white-space: nowrap; }
    table.notices td.title { min-width: 18em; }
    td.note { white-space: pre-wrap; }
    a.badge { text-decoration: none; font-weight: 400; margin-left: .5rem; }
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
    textarea.title { min-height: 0; height: auto; resize: vertical; font-weight: 600; }
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
    .next-step { background: #eef5ff; border: 1px solid #b7cdef; border-left: 4px solid var(--accent); border-radius: 6px;
      padding: .7rem 1rem; margin: 0 0 1rem; }
    .next-step p { margin: .3rem 0; }
    .next-step form:not(.inline) { margin-top: .6rem; }
    .next-step form > * + * { margin-top: .5rem; }
    .next-step details { margin-top: .5rem; } .next-step summary { cursor: pointer; color: var(--accent); }
    .error-code { color: var(--muted); font-size: .85rem; }
    .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    figure.chart { margin: 0; background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .5rem;
      max-width: 660px; }
    figure.chart svg { max-width: 100%; height: auto; display: block; }
    .heatmap-wrap { overflow-x: auto; }
    table.heatmap { width: auto; border-collapse: separate; border-spacing: 2px; background: transparent; }
    table.heatmap th, table.heatmap td { border: 0; padding: 0; text-align: center; background: transparent; }
    table.heatmap th[scope=row] { text-align: right; padding: 0 .5rem 0 0; white-space: nowrap; background: transparent;
      font-weight: 400; }
    table.heatmap th.indicator { background: transparent; vertical-align: bottom; font-weight: 400; font-size: .85rem;
      white-space: normal; }
    table.heatmap th.indicator span { writing-mode: vertical-rl; display: inline-block; white-space: nowrap;
      letter-spacing: .05em; padding-bottom: .3rem; }
    table.heatmap td a { display: block; width: 2.2rem; height: 2rem; line-height: 2rem; text-decoration: none;
      color: inherit; font-weight: 600; border-radius: 3px; }
    table.heatmap td a:hover, table.heatmap td a:focus { outline: 2px solid var(--ink); }
    .heat-red, table.heatmap td.heat-red a { background: #c62828; color: #fff; }
    .heat-orange, table.heatmap td.heat-orange a { background: #ef6c00; color: #fff; }
    .heat-yellow, table.heatmap td.heat-yellow a { background: #f9c74f; color: #4a3800; }
    .heat-blue, table.heatmap td.heat-blue a { background: #64b5f6; color: #0d2c4d; }
    .heat-none, table.heatmap td.heat-none a { background: #dff3e4; color: #2e7d32; }
    .heat-exempt, table.heatmap td.heat-exempt a { background: #e0e0e0; color: var(--muted); }
    .heat-nodata, table.heatmap td.heat-nodata a { background: #f3f4f6; color: var(--muted); }
    p.legend span { display: inline-block; min-width: 1.4rem; text-align: center; border-radius: 3px; font-size: .85rem; }
    .badge.feed-failed { background: #fde2e1; color: var(--red); } .badge.feed-partial { background: #fff3cd; }
    """
}
