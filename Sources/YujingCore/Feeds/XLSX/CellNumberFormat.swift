/// What a cell's number format does to the number it holds, as far as a figure is concerned.
///
/// A spreadsheet stores 0.052 and shows 5.2 % when the format is `0.0%`: read without its format,
/// the cell is a figure a hundred times too small. Only the formats whose effect is certain are
/// read; anything else is named, so that the cell can be refused with what was seen.
public enum NumberFormatMeaning: Sendable, Hashable {
  /// The number is what is shown (General, `0.0`, `#,##0.00`, a colour, padding).
  case plain
  /// The number is shown multiplied by 100 with a percent sign (`0%`, `0.0%`).
  case percent
  /// The number is a date (or a time): a serial day count. `showsDay` is false for formats that
  /// show only a year and a month (`yyyy"年"m"月"`), which is how a month is typed.
  case date(showsDay: Bool)
  /// The effect is not certain (literal text, a scale, a condition, a currency): why, in words.
  case uncertain(String)
}

/// A cell's number format: its code as the file gives it and what it means for a figure.
public struct CellNumberFormat: Sendable, Hashable {
  public var code: String
  public var meaning: NumberFormatMeaning

  public init(code: String, meaning: NumberFormatMeaning) {
    self.code = code
    self.meaning = meaning
  }

  public init(code: String) {
    self.init(code: code, meaning: NumberFormatMeaning(code: code))
  }

  /// A format that the workbook's style table does not define (a damaged or hand-made file).
  static func unknown(_ detail: String) -> CellNumberFormat {
    CellNumberFormat(code: "?", meaning: .uncertain(detail))
  }

  /// The formats Excel defines by number without writing their code into the file (ECMA-376
  /// Part 1, 18.8.30), with the East Asian ones a Chinese Excel or WPS uses (27–36, 50–58: dates
  /// written with 年 月 日). Currency and accounting formats are left out: they carry symbols.
  public static func builtIn(_ id: Int) -> CellNumberFormat? {
    switch id {
    case 0: CellNumberFormat(code: "General", meaning: .plain)
    case 1: CellNumberFormat(code: "0", meaning: .plain)
    case 2: CellNumberFormat(code: "0.00", meaning: .plain)
    case 3: CellNumberFormat(code: "#,##0", meaning: .plain)
    case 4: CellNumberFormat(code: "#,##0.00", meaning: .plain)
    case 9: CellNumberFormat(code: "0%", meaning: .percent)
    case 10: CellNumberFormat(code: "0.00%", meaning: .percent)
    case 11: CellNumberFormat(code: "0.00E+00", meaning: .plain)
    case 12: CellNumberFormat(code: "# ?/?", meaning: .plain)
    case 13: CellNumberFormat(code: "# ??/??", meaning: .plain)
    case 14: CellNumberFormat(code: "mm-dd-yy", meaning: .date(showsDay: true))
    case 15: CellNumberFormat(code: "d-mmm-yy", meaning: .date(showsDay: true))
    case 16: CellNumberFormat(code: "d-mmm", meaning: .date(showsDay: true))
    case 17: CellNumberFormat(code: "mmm-yy", meaning: .date(showsDay: false))
    case 18...21, 45...47: CellNumberFormat(code: "h:mm", meaning: .date(showsDay: true))
    case 22: CellNumberFormat(code: "m/d/yy h:mm", meaning: .date(showsDay: true))
    case 27, 28, 29, 30, 31, 34, 35, 36, 50, 51, 52, 53, 54, 57, 58:
      // Year-and-month in some of them, with a day in others, depending on the locale: only the
      // year and month of such a date are ever read.
      CellNumberFormat(code: "[$-804]date \(id)", meaning: .date(showsDay: true))
    case 32, 33, 55, 56: CellNumberFormat(code: "[$-804]time \(id)", meaning: .date(showsDay: true))
    case 37: CellNumberFormat(code: "#,##0 ;(#,##0)", meaning: .plain)
    case 38: CellNumberFormat(code: "#,##0 ;[Red](#,##0)", meaning: .plain)
    case 39: CellNumberFormat(code: "#,##0.00;(#,##0.00)", meaning: .plain)
    case 40: CellNumberFormat(code: "#,##0.00;[Red](#,##0.00)", meaning: .plain)
    case 48: CellNumberFormat(code: "##0.0E+0", meaning: .plain)
    case 49: CellNumberFormat(code: "@", meaning: .plain)
    default: nil
    }
  }
}

extension NumberFormatMeaning {
  /// Classifies a format code. Each of the first three sections (positive; negative; zero) must
  /// be certain, and they must agree; the fourth (text) does not apply to numbers.
  public init(code: String) {
    let compact = code.trimmingCharacters(in: .whitespaces)
    if compact.isEmpty || compact.caseInsensitiveCompare("General") == .orderedSame || compact == "G/通用格式"
      || compact == "@"
    {
      self = .plain
      return
    }
    let sections = NumberFormatMeaning.sections(of: compact)
    var meanings: [NumberFormatMeaning] = []
    for section in sections.prefix(3) {
      let meaning = NumberFormatMeaning.classify(section: section)
      if case .uncertain = meaning {
        self = meaning
        return
      }
      meanings.append(meaning)
    }
    if let date = meanings.first(where: { if case .date = $0 { true } else { false } }) {
      self = date
      return
    }
    let percents = meanings.filter { $0 == .percent }.count
    if percents > 0 && percents < meanings.count {
      // A value shown as a percentage when positive and as a plain number when negative: which
      // one the person typed cannot be told.
      self = .uncertain("its sections disagree: some show a percentage and some do not")
      return
    }
    self = percents > 0 ? .percent : .plain
  }

  /// Splits at `;` outside quotes and escapes.
  static func sections(of code: String) -> [[Character]] {
    var sections: [[Character]] = [[]]
    var inQuotes = false
    var escaped = false
    for character in code {
      if escaped {
        escaped = false
      } else if character == "\\" && !inQuotes {
        escaped = true
      } else if character == "\"" {
        inQuotes.toggle()
      } else if character == ";" && !inQuotes {
        sections.append([])
        continue
      }
      sections[sections.count - 1].append(character)
    }
    return sections
  }

  /// Literal text that changes nothing a reader could take for part of the figure: spaces and
  /// the brackets, signs and separators of accounting formats.
  private static let harmlessLiterals: Set<Character> = [" ", "(", ")", "-", "+", "\u{3000}", ":", ",", "."]

  private static func classify(section: [Character]) -> NumberFormatMeaning {
    var index = 0
    var percents = 0
    var dateTokens = false
    var showsDay = false
    var digitPlaceholders = 0
    var literal = ""
    var pendingCommaScale = false
    func isPlaceholder(_ character: Character) -> Bool { character == "0" || character == "#" || character == "?" }
    while index < section.count {
      let character = section[index]
      let lower = Character(character.lowercased())
      if let general = generalToken(section, at: index) {
        digitPlaceholders += 1
        index += general
        continue
      }
      switch character {
      case "\"":
        index += 1
        while index < section.count && section[index] != "\"" {
          literal.append(section[index])
          index += 1
        }
      case "\\":
        if index + 1 < section.count { literal.append(section[index + 1]) }
        index += 1
      case "_", "*":
        // Padding to the width of the next character, or filling with it: nothing shown as text.
        index += 1
      case "[":
        var content = ""
        index += 1
        while index < section.count && section[index] != "]" {
          content.append(section[index])
          index += 1
        }
        if let problem = bracketProblem(content, dateTokens: &dateTokens) { return .uncertain(problem) }
      case "%":
        percents += 1
      case "0", "#", "?":
        digitPlaceholders += 1
        if pendingCommaScale { pendingCommaScale = false }
      case ",":
        // A comma between digit placeholders groups thousands; after the last one it divides by
        // a thousand.
        if digitPlaceholders > 0 { pendingCommaScale = true }
      case ".", "/":
        if pendingCommaScale {
          return .uncertain("a comma after the digits divides the number by 1000 for display")
        }
      case "E" where index + 1 < section.count && (section[index + 1] == "+" || section[index + 1] == "-"),
        "e" where index + 1 < section.count && (section[index + 1] == "+" || section[index + 1] == "-"):
        index += 1
      case "@":
        break
      default:
        if "ymdhs".contains(lower) || (lower == "a" && isAMPM(section, at: index)) || character == "上"
          || character == "下"
        {
          dateTokens = true
          if lower == "d" { showsDay = true }
          if lower == "a" {
            index += 4
            continue
          }
        } else if ["e", "g", "b"].contains(lower) && !dateTokens && digitPlaceholders == 0 {
          // Era and Buddhist-year codes: only in dates.
          dateTokens = true
        } else if !harmlessLiterals.contains(character) && !isPlaceholder(character) {
          literal.append(character)
        }
      }
      index += 1
    }
    if dateTokens {
      return .date(showsDay: showsDay || section.contains("上") || section.contains("下"))
    }
    if pendingCommaScale {
      return .uncertain("a comma after the digits divides the number by 1000 for display")
    }
    let shownLiteral = literal.filter { !harmlessLiterals.contains($0) }
    if !shownLiteral.isEmpty {
      return .uncertain("it adds the text '\(shownLiteral)' to the number")
    }
    if percents > 1 { return .uncertain("it has more than one percent sign") }
    if digitPlaceholders == 0 {
      // A zero section of "-" shows a figure the way a missing one is written.
      return .uncertain("the section '\(String(section))' shows no digits")
    }
    return percents == 1 ? .percent : .plain
  }

  /// The length of `General` or its Chinese name at `index`, which stand for the number as it is.
  private static func generalToken(_ section: [Character], at index: Int) -> Int? {
    for word in ["general", "g/通用格式"] {
      let length = word.count
      if index + length <= section.count, String(section[index..<index + length]).lowercased() == word {
        return length
      }
    }
    return nil
  }

  private static func isAMPM(_ section: [Character], at index: Int) -> Bool {
    let rest = String(section[index...].prefix(5)).uppercased()
    return rest.hasPrefix("AM/PM") || rest.hasPrefix("A/P")
  }

  /// Colours and a locale tag change nothing; a currency symbol, a condition or elapsed time do.
  private static func bracketProblem(_ content: String, dateTokens: inout Bool) -> String? {
    let lower = content.lowercased()
    let colours = [
      "black", "blue", "cyan", "green", "magenta", "red", "white", "yellow", "黑色", "蓝色", "青色", "绿色", "洋红", "红色", "白色",
      "黄色",
    ]
    if colours.contains(lower) || lower.hasPrefix("color") || lower.hasPrefix("颜色") { return nil }
    if lower.hasPrefix("$") {
      // [$-804] is a locale; [$¥-804] or [$CNY] adds a currency symbol.
      let symbol = lower.dropFirst().prefix { $0 != "-" }
      return symbol.isEmpty ? nil : "it adds the currency '\(symbol)' to the number"
    }
    if ["h", "hh", "m", "mm", "s", "ss"].contains(lower) {
      dateTokens = true
      return nil
    }
    if lower.hasPrefix("dbnum") { return "it shows the number in Chinese numerals ([\(content)])" }
    if let first = lower.first, "<>=".contains(first) { return "it depends on a condition ([\(content)])" }
    return "it has the code [\(content)], which this reader does not know"
  }
}
