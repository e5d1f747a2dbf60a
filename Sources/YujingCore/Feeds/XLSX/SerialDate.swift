/// Spreadsheet dates: a number of days from an epoch, shown as a date by the cell's format.
enum SerialDate {
  /// The day a serial number stands for, or nil when it is not a whole day that exists. In the
  /// 1900 system, day 60 is 1900-02-29, which Lotus counted and Excel kept for compatibility: no
  /// such day exists.
  static func day(_ serial: Double, date1904: Bool) -> Day? {
    guard serial.isFinite, serial >= 1, serial < 2_958_466 else { return nil }
    let whole = Int(serial.rounded(.down))
    if date1904 { return Day(ordinal: whole - 24_107) }
    if whole == 60 { return nil }
    return Day(ordinal: whole < 60 ? whole - 25_568 : whole - 25_569)
  }
}
