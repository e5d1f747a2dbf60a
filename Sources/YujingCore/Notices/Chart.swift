/// A chart's data, apart from how it is drawn: HTML draws it as SVG (`SVGChart`), DOCX as a native
/// DrawingML chart (`WordChart`) that Word, WPS and LibreOffice draw themselves and let the office
/// edit. Every series has a value, or nil, for each category.
public struct Chart: Sendable, Hashable {
  public enum Kind: Sendable, Hashable {
    /// Bars from the zero line, one a category, with marks for the targets.
    case bars
    /// A line through the categories (periods), with an optional reference level.
    case line
  }

  public struct Series: Sendable, Hashable {
    public enum Style: Sendable, Hashable {
      /// A bar from zero to the value, labelled with it.
      case bars
      /// A short thick line across the category at the value: a target beside its bar.
      case marks
      /// A line through the values, broken where one is missing, each point labelled.
      case line
      /// A dashed level across the whole chart, the same at every category (an annual target).
      case reference
    }

    public var name: String
    public var values: [Double?]
    /// RGB hex without '#', as `Level.colour`.
    public var colour: String
    public var style: Style

    public init(name: String, values: [Double?], colour: String, style: Style) {
      self.name = name
      self.values = values
      self.colour = colour
      self.style = style
    }
  }

  public var kind: Kind
  public var title: String
  public var categories: [String]
  public var series: [Series]
  /// The values' unit (%), shown once beside the value axis.
  public var unit: String

  public init(kind: Kind, title: String, categories: [String], series: [Series], unit: String) {
    self.kind = kind
    self.title = title
    self.categories = categories
    self.series = series
    self.unit = unit
  }

  /// A series' value at a category, nil where it is missing, not finite, or past the series' end:
  /// the one reading both renderers share, so that they never disagree on a gap.
  public func value(_ series: Series, at index: Int) -> Double? {
    guard index >= 0, index < series.values.count, let value = series.values[index], value.isFinite else {
      return nil
    }
    return value
  }
}

extension Chart {
  public enum Colour {
    public static let bar = "4472C4"
    public static let target = "E0620D"
    public static let line = "2F6DB5"
  }

  /// Each category's actual figure as a bar, its target as a mark across it; the names are the
  /// legend's.
  public static func bars(
    title: String, categories: [String], values: [Double?], targets: [Double?], unit: String,
    valueName: String = "实际增速", targetName: String = "目标"
  ) -> Chart {
    Chart(
      kind: .bars, title: title, categories: categories,
      series: [
        Series(name: valueName, values: fitted(values, categories.count), colour: Colour.bar, style: .bars),
        Series(name: targetName, values: fitted(targets, categories.count), colour: Colour.target, style: .marks),
      ], unit: unit)
  }

  /// The year's cumulative figure through its periods, with the annual target as a reference.
  public static func line(
    title: String, points: [(label: String, value: Double?)], reference: Double?, unit: String
  ) -> Chart {
    var series = [
      Series(name: "累计增速", values: fitted(points.map(\.value), points.count), colour: Colour.line, style: .line)
    ]
    if let reference, reference.isFinite {
      series.append(
        Series(
          name: "目标", values: Array(repeating: reference, count: points.count), colour: Colour.target,
          style: .reference))
    }
    return Chart(kind: .line, title: title, categories: points.map(\.label), series: series, unit: unit)
  }

  /// Exactly `count` values, the missing and the non-finite as nil.
  private static func fitted(_ values: [Double?], _ count: Int) -> [Double?] {
    (0..<count).map { index in index < values.count ? values[index].flatMap { $0.isFinite ? $0 : nil } : nil }
  }
}
