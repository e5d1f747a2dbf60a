/// The dispatch summary's charts as self-contained SVG: no scripts, no stylesheet, no ids (an
/// HTML page inlines several, and a `<style>` or an id would leak into the page), only
/// presentation attributes. The output is a function of the input: numbers are written with a
/// fixed number of decimals and nothing depends on the locale or the clock.
public enum SVGChart {
  static let width = 640
  static let height = 320
  static let fontFamily = "'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif"

  /// A bar chart draws its first `.bars` and `.marks` series, a line chart its first `.line` and
  /// `.reference` series.
  public static func svg(_ chart: Chart) -> String {
    switch chart.kind {
    case .bars: bars(chart)
    case .line: line(chart)
    }
  }

  static func colour(_ series: Chart.Series) -> String { "#" + series.colour.lowercased() }

  /// A grouped bar chart: each category's actual growth as a bar from the zero line, its target
  /// as a short thick line across the bar. A missing value or target is not drawn.
  private static func bars(_ chart: Chart) -> String {
    let bars = chart.series.first { $0.style == .bars }
    let marks = chart.series.first { $0.style == .marks }
    let count = chart.categories.count
    let actual = (0..<count).map { index in bars.flatMap { chart.value($0, at: index) } }
    let target = (0..<count).map { index in marks.flatMap { chart.value($0, at: index) } }
    let plot = Plot(left: 56, right: 620, top: 70, bottom: 262)
    let scale = Scale(fitting: (actual + target).compactMap { $0 }, includingZero: true)

    var svg = Writer(title: chart.title)
    var keys: [Writer.LegendKey] = []
    if let bars { keys.append(.bar(colour(bars), bars.name)) }
    if let marks { keys.append(.marker(colour(marks), marks.name)) }
    svg.legend(keys, right: plot.right)
    svg.unit(chart.unit, left: plot.left)
    svg.grid(scale, plot)
    let slot = count > 0 ? plot.width / Double(count) : plot.width
    let barWidth = min(slot * 0.5, 36)
    let zero = scale.y(0, plot)
    let barFill = bars.map(colour) ?? ""
    for index in 0..<count {
      let centre = plot.left + slot * (Double(index) + 0.5)
      svg.categoryLabel(chart.categories[index], centre: centre, slot: slot, top: plot.bottom + 16)
      if let value = actual[index] {
        let y = scale.y(value, plot)
        svg.rect(
          x: centre - barWidth / 2, y: min(y, zero), width: barWidth, height: abs(zero - y), fill: barFill,
          className: "bar")
        // Above the bar's end, or above the target's marker when that would cover the label.
        let marker = target[index].map { scale.y($0, plot) }
        var labelY = value >= 0 ? y - 4 : y + 13
        if let marker, value >= 0, marker < y + 4, marker > y - 16 { labelY = min(y, marker) - 5 }
        if let marker, value < 0, marker > y - 4, marker < y + 16 { labelY = max(y, marker) + 14 }
        svg.text(Writer.decimal(value, 1), x: centre, y: labelY, size: 11, className: "value")
      }
      if let goal = target[index], let marks {
        let y = scale.y(goal, plot)
        svg.line(
          x1: centre - barWidth / 2 - 5, y1: y, x2: centre + barWidth / 2 + 5, y2: y, stroke: colour(marks),
          width: 3, className: "target")
      }
    }
    svg.zeroLine(scale, plot)
    if actual.allSatisfy({ $0 == nil }) && target.allSatisfy({ $0 == nil }) { svg.noData(plot) }
    return svg.finish()
  }

  /// A line through the year's cumulative growth, broken where a value is missing, with an
  /// optional dashed reference line (the annual target) at its first value, labelled at its
  /// right end.
  private static func line(_ chart: Chart) -> String {
    let series = chart.series.first { $0.style == .line }
    let count = chart.categories.count
    let values = (0..<count).map { index in series.flatMap { chart.value($0, at: index) } }
    let referenceSeries = chart.series.first { $0.style == .reference }
    let reference = referenceSeries.flatMap { line in
      line.values.indices.lazy.compactMap { chart.value(line, at: $0) }.first
    }
    let plot = Plot(left: 56, right: 576, top: 70, bottom: 262)
    let known = values.compactMap { $0 } + (reference.map { [$0] } ?? [])
    let scale = Scale(fitting: known, includingZero: false)

    var svg = Writer(title: chart.title)
    var keys: [Writer.LegendKey] = []
    if let series { keys.append(.line(colour(series), series.name)) }
    if let referenceSeries, reference != nil { keys.append(.dashed(colour(referenceSeries), referenceSeries.name)) }
    svg.legend(keys, right: plot.right)
    svg.unit(chart.unit, left: plot.left)
    svg.grid(scale, plot)
    svg.zeroLine(scale, plot)
    if let reference, let referenceSeries {
      let y = scale.y(reference, plot)
      let stroke = colour(referenceSeries)
      svg.line(
        x1: plot.left, y1: y, x2: plot.right, y2: y, stroke: stroke, width: 1.5, dashes: "6 4",
        className: "reference")
      svg.text(referenceSeries.name, x: plot.right + 6, y: y - 3, size: 11, anchor: "start", fill: stroke)
      svg.text(
        Writer.decimal(reference, 1) + chart.unit, x: plot.right + 6, y: y + 11, size: 11, anchor: "start",
        fill: stroke)
    }
    let slot = count == 0 ? plot.width : plot.width / Double(count)
    var path = ""
    var drawing = false
    var marks: [(x: Double, y: Double, value: Double)] = []
    for (index, label) in chart.categories.enumerated() {
      let x = plot.left + slot * (Double(index) + 0.5)
      svg.categoryLabel(label, centre: x, slot: slot, top: plot.bottom + 16)
      guard let value = values[index] else {
        drawing = false
        continue
      }
      let y = scale.y(value, plot)
      path +=
        (path.isEmpty ? "" : " ") + (drawing ? "L" : "M") + Writer.decimal(x, 1) + " "
        + Writer.decimal(y, 1)
      drawing = true
      marks.append((x, y, value))
    }
    let stroke = series.map(colour) ?? ""
    if !path.isEmpty { svg.path(path, stroke: stroke, width: 2.5, className: "series") }
    for mark in marks {
      svg.circle(x: mark.x, y: mark.y, radius: 3.5, fill: stroke, className: "point")
      svg.text(Writer.decimal(mark.value, 1), x: mark.x, y: mark.y - 8, size: 11, className: "value")
    }
    if marks.isEmpty { svg.noData(plot) }
    return svg.finish()
  }
}

extension SVGChart {
  /// The rectangle the data is drawn in, in the chart's coordinates.
  struct Plot {
    var left: Double
    var right: Double
    var top: Double
    var bottom: Double
    var width: Double { right - left }
  }

  /// A vertical axis with round ticks (1, 2, 2.5 or 5 times a power of ten) that covers the data
  /// and leaves room above and below for the value labels.
  struct Scale {
    var low: Double
    var high: Double
    var step: Double

    init(fitting data: [Double], includingZero: Bool) {
      var low = data.min() ?? 0
      var high = data.max() ?? 1
      if includingZero {
        low = min(low, 0)
        high = max(high, 0)
      }
      if high - low < 1e-9 {
        low -= 1
        high += 1
      }
      let headroom = (high - low) * 0.08
      if high > 0 || !includingZero { high += headroom }
      if low < 0 || !includingZero { low -= headroom }
      let rough = (high - low) / 5
      var magnitude = 1.0
      while magnitude * 10 <= rough { magnitude *= 10 }
      while magnitude > rough { magnitude /= 10 }
      let step = [1, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? magnitude * 10
      self.step = step
      self.low = (low / step).rounded(.down) * step
      self.high = (high / step).rounded(.up) * step
    }

    func y(_ value: Double, _ plot: Plot) -> Double {
      plot.bottom - (value - low) / (high - low) * (plot.bottom - plot.top)
    }

    var ticks: [Double] {
      let count = Int(((high - low) / step).rounded())
      return (0...count).map { low + Double($0) * step }
    }

    /// The decimals that tell the ticks apart: none for whole steps, one for 0.5, two for 0.25.
    var tickDecimals: Int {
      var decimals = 0
      var scaled = step
      while decimals < 4 && abs(scaled - scaled.rounded()) > 1e-6 {
        scaled *= 10
        decimals += 1
      }
      return decimals
    }
  }

  /// Builds a chart's markup; every text it is given is escaped for XML.
  struct Writer {
    enum LegendKey {
      case bar(String, String)
      case marker(String, String)
      case line(String, String)
      case dashed(String, String)
    }

    private(set) var markup = ""

    init(title: String) {
      markup.reserveCapacity(8192)
      markup += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(SVGChart.width)\" height=\"\(SVGChart.height)\""
      markup += " viewBox=\"0 0 \(SVGChart.width) \(SVGChart.height)\" role=\"img\""
      markup += " font-family=\"\(SVGChart.fontFamily)\" font-size=\"12\">\n<title>"
      Self.escape(title, into: &markup)
      markup += "</title>\n<rect width=\"\(SVGChart.width)\" height=\"\(SVGChart.height)\" fill=\"#ffffff\"/>\n"
      text(title, x: Double(SVGChart.width) / 2, y: 26, size: 16, weight: "bold", fill: "#000000", className: "title")
    }

    func finish() -> String { markup + "</svg>\n" }

    mutating func legend(_ keys: [LegendKey], right: Double) {
      // Laid out from the right edge, so that the last key ends where the plot does.
      var x = right
      for key in keys.reversed() {
        let label: String
        switch key {
        case .bar(_, let text), .marker(_, let text), .line(_, let text), .dashed(_, let text): label = text
        }
        let labelWidth = Double(DocumentWording.displayWidth(label)) * 6
        x -= labelWidth
        text(label, x: x, y: 52, size: 12, anchor: "start", fill: "#333333")
        x -= 22
        switch key {
        case .bar(let colour, _): rect(x: x, y: 43, width: 16, height: 11, fill: colour)
        case .marker(let colour, _): line(x1: x, y1: 48.5, x2: x + 16, y2: 48.5, stroke: colour, width: 3)
        case .line(let colour, _): line(x1: x, y1: 48.5, x2: x + 16, y2: 48.5, stroke: colour, width: 2.5)
        case .dashed(let colour, _):
          line(x1: x, y1: 48.5, x2: x + 16, y2: 48.5, stroke: colour, width: 1.5, dashes: "4 2")
        }
        x -= 14
      }
    }

    mutating func unit(_ unit: String, left: Double) {
      guard !unit.isEmpty else { return }
      text("单位：" + unit, x: left - 40, y: 52, size: 11, anchor: "start", fill: "#555555")
    }

    mutating func grid(_ scale: Scale, _ plot: Plot) {
      markup += "<g class=\"grid\">\n"
      for tick in scale.ticks {
        let y = scale.y(tick, plot)
        line(x1: plot.left, y1: y, x2: plot.right, y2: y, stroke: "#dddddd", width: 1)
        text(
          Self.decimal(tick, scale.tickDecimals), x: plot.left - 6, y: y + 4, size: 11, anchor: "end",
          fill: "#555555")
      }
      markup += "</g>\n"
    }

    /// The zero line, drawn over the bars so that it stays visible; nothing when zero is off the axis.
    mutating func zeroLine(_ scale: Scale, _ plot: Plot) {
      guard scale.low <= 0 && scale.high >= 0 else { return }
      let y = scale.y(0, plot)
      line(x1: plot.left, y1: y, x2: plot.right, y2: y, stroke: "#333333", width: 1.2, className: "zero")
    }

    mutating func noData(_ plot: Plot) {
      text(
        "暂无数据", x: (plot.left + plot.right) / 2, y: (plot.top + plot.bottom) / 2, size: 14, fill: "#888888",
        className: "empty")
    }

    /// A category's name under its slot: on one line if it fits, else on two, smaller if need be
    /// (a 开发区's name is long next to a county's).
    mutating func categoryLabel(_ label: String, centre: Double, slot: Double, top: Double) {
      let label = DocumentWording.singleLine(label)
      let characters = Array(label)
      let ems = Double(DocumentWording.displayWidth(label)) / 2
      let room = max(slot - 4, 8)
      if ems * 12 <= room || characters.count < 2 {
        text(label, x: centre, y: top, size: 12, fill: "#333333", className: "category")
        return
      }
      let half = (characters.count + 1) / 2
      let lines = [String(characters[..<half]), String(characters[half...])]
      let widest = lines.map { Double(DocumentWording.displayWidth($0)) / 2 }.max() ?? 1
      let size = max(8, min(12, (room / widest).rounded(.down)))
      markup += "<text class=\"category\" x=\"\(Self.decimal(centre, 1))\" y=\"\(Self.decimal(top, 1))\""
      markup += " font-size=\"\(Self.decimal(size, 0))\" text-anchor=\"middle\" fill=\"#333333\">"
      for (index, line) in lines.enumerated() {
        markup += "<tspan x=\"\(Self.decimal(centre, 1))\" dy=\"\(index == 0 ? "0" : Self.decimal(size + 2, 0))\">"
        Self.escape(line, into: &markup)
        markup += "</tspan>"
      }
      markup += "</text>\n"
    }

    mutating func text(
      _ content: String, x: Double, y: Double, size: Double, anchor: String = "middle", weight: String? = nil,
      fill: String = "#333333", className: String? = nil
    ) {
      markup += "<text"
      if let className { markup += " class=\"\(className)\"" }
      markup += " x=\"\(Self.decimal(x, 1))\" y=\"\(Self.decimal(y, 1))\" font-size=\"\(Self.decimal(size, 0))\""
      markup += " text-anchor=\"\(anchor)\" fill=\"\(fill)\""
      if let weight { markup += " font-weight=\"\(weight)\"" }
      markup += ">"
      Self.escape(content, into: &markup)
      markup += "</text>\n"
    }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, className: String? = nil) {
      markup += "<rect"
      if let className { markup += " class=\"\(className)\"" }
      markup += " x=\"\(Self.decimal(x, 1))\" y=\"\(Self.decimal(y, 1))\" width=\"\(Self.decimal(width, 1))\""
      markup += " height=\"\(Self.decimal(height, 1))\" fill=\"\(fill)\"/>\n"
    }

    mutating func line(
      x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double, dashes: String? = nil,
      className: String? = nil
    ) {
      markup += "<line"
      if let className { markup += " class=\"\(className)\"" }
      markup += " x1=\"\(Self.decimal(x1, 1))\" y1=\"\(Self.decimal(y1, 1))\""
      markup += " x2=\"\(Self.decimal(x2, 1))\" y2=\"\(Self.decimal(y2, 1))\""
      markup += " stroke=\"\(stroke)\" stroke-width=\"\(Self.decimal(width, 1))\""
      if let dashes { markup += " stroke-dasharray=\"\(dashes)\"" }
      markup += "/>\n"
    }

    mutating func path(_ data: String, stroke: String, width: Double, className: String) {
      markup += "<path class=\"\(className)\" d=\"\(data)\" fill=\"none\" stroke=\"\(stroke)\""
      markup += " stroke-width=\"\(Self.decimal(width, 1))\" stroke-linejoin=\"round\"/>\n"
    }

    mutating func circle(x: Double, y: Double, radius: Double, fill: String, className: String) {
      markup += "<circle class=\"\(className)\" cx=\"\(Self.decimal(x, 1))\" cy=\"\(Self.decimal(y, 1))\""
      markup += " r=\"\(Self.decimal(radius, 1))\" fill=\"\(fill)\"/>\n"
    }

    /// `value` with exactly `decimals` decimals, rounded half away from zero, never "-0".
    static func decimal(_ value: Double, _ decimals: Int) -> String {
      var scale: Int64 = 1
      for _ in 0..<decimals { scale *= 10 }
      let scaled = (value * Double(scale)).rounded()
      guard scaled.isFinite, abs(scaled) < 1e15 else { return "0" }
      let units = Int64(scaled)
      let magnitude = units.magnitude
      var text = units < 0 ? "-" : ""
      text += String(magnitude / UInt64(scale))
      if decimals > 0 {
        let fraction = String(magnitude % UInt64(scale))
        text += "." + String(repeating: "0", count: decimals - fraction.count) + fraction
      }
      return text
    }

    /// Text of the chart, escaped as XML (`XMLText`) on one line: SVG would drop a line break
    /// where the reader expects a space.
    static func escape(_ text: String, into markup: inout String) {
      var spaced = String.UnicodeScalarView()
      spaced.append(contentsOf: text.unicodeScalars.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 })
      markup += XMLText.text(String(spaced))
    }
  }
}
