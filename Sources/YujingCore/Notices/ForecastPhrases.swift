extension Phrases {
  /// What a precoordination letter says of a projection (docs/rules.md#precoordination): the projected year end
  /// against the target, how it was made, and how far the same method was off at this month in
  /// the earlier years — so that the county can judge how far to trust it. Nil without one.
  public static func forecast(_ values: Evidence) -> String? {
    guard case .number(let projected)? = values["projected_growth"] else { return nil }
    var sentence = "按目前态势测算，全年预计\(change(projected))"
    if case .number(let target)? = values["target_growth"] {
      sentence += "，" + againstTarget(gap: projected - target, target: target)
    }
    let years: String =
      if case .number(let count)? = values["projection_years"] { "此前\(figure(count))年" } else { "此前各年" }
    if case .text(let method)? = values["projection_method"], let method = ForecastMethod(rawValue: method) {
      switch method {
      case .seasonalShare:
        sentence += "（\(method.chinese)：以\(years)同期累计占全年总量的平均比重推算全年总量）"
      case .growthPath:
        sentence += "（\(method.chinese)：以\(years)同期累计增速至年末的平均变化推算全年增速）"
      case .naive:
        sentence += "（\(method.chinese)：以当前累计增速作为全年增速）"
      }
    }
    if case .number(let error)? = values["projection_error"], case .number(let checks)? = values["projection_checks"] {
      sentence += "；该方法回测此前\(figure(checks))年同期，测算与全年实际平均相差\(figure(error, decimals: 1))个百分点"
    } else {
      sentence += "；此前年份尚不足以回测该方法在本期的准确度，测算仅供参考"
    }
    return sentence
  }
}
