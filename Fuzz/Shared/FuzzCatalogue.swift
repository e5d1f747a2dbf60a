// What the feed fuzz targets check rows against: a few regions, indicators and departments of
// the default configuration, enough for rows to be taken as well as rejected.
let fuzzCatalogue = FeedCatalogue(
  regions: [
    Region(code: "360000", name: "全省", kind: .province),
    Region(code: "360900", name: "宜春市", kind: .city, aliases: ["全市"]),
    Region(code: "360902", name: "袁州区", kind: .district, group: "一类"),
    Region(code: "360924", name: "宜丰县", kind: .county, group: "二类"),
    Region(code: "3609A1", name: "宜春经开区", kind: .zone, group: "功能区", aliases: ["经开区"]),
  ],
  indicators: [
    Indicator(
      code: "gdp", name: "地区生产总值", unit: "亿元", frequency: .quarterly, form: .growth, leadDepartment: "fgw",
      january: .alone),
    Indicator(
      code: "industry_va", name: "规上工业增加值", unit: "%", frequency: .monthly, form: .growth,
      leadDepartment: "gxj", january: .combined),
    Indicator(
      code: "fai", name: "固定资产投资", unit: "%", frequency: .monthly, form: .growth, leadDepartment: "fgw",
      january: .combined),
    Indicator(
      code: "fiscal_general", name: "一般公共预算收入", unit: "亿元", frequency: .monthly, form: .amount,
      leadDepartment: "czj", january: .alone),
    Indicator(
      code: "fdi", name: "实际利用外资", unit: "万美元", frequency: .monthly, form: .amount, leadDepartment: "swj",
      january: .alone),
  ],
  departments: ["fgw", "gxj", "czj", "swj", "jtj"])
