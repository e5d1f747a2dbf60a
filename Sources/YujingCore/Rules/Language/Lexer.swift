/// Splits an expression into tokens, each with its character offset.
struct Lexer {
  enum Kind: Hashable {
    case number(String)
    case identifier(String)
    case text(String)
    case symbol(String)
    case end
  }

  struct Token: Hashable {
    var kind: Kind
    var offset: Int
    var length: Int

    var range: SourceRange { SourceRange(start: offset, end: offset + length) }
  }

  static func tokens(_ text: String) throws(ExpressionError) -> [Token] {
    let characters = Array(text.unicodeScalars)
    var tokens: [Token] = []
    var index = 0
    func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }
    func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
      ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_"
    }
    while index < characters.count {
      let scalar = characters[index]
      if scalar.properties.isWhitespace {
        index += 1
        continue
      }
      let start = index
      if isDigit(scalar) || (scalar == "." && index + 1 < characters.count && isDigit(characters[index + 1])) {
        while index < characters.count && (isDigit(characters[index]) || characters[index] == ".") { index += 1 }
        let literal = String(String.UnicodeScalarView(characters[start..<index]))
        if literal.filter({ $0 == "." }).count > 1 {
          throw ExpressionError(offset: start, message: "'\(literal)' is not a number")
        }
        if index < characters.count && characters[index] == "%" {
          throw ExpressionError(
            offset: index, message: "write percentages as plain numbers: growth and gap are already in percent")
        }
        tokens.append(Token(kind: .number(literal), offset: start, length: index - start))
      } else if isIdentifierStart(scalar) {
        while index < characters.count && (isIdentifierStart(characters[index]) || isDigit(characters[index])) {
          index += 1
        }
        let word = String(String.UnicodeScalarView(characters[start..<index]))
        tokens.append(Token(kind: .identifier(word), offset: start, length: index - start))
      } else if scalar == "\"" || scalar == "'" {
        index += 1
        while index < characters.count && characters[index] != scalar { index += 1 }
        guard index < characters.count else {
          throw ExpressionError(offset: start, message: "the text opened here is never closed with \(scalar)")
        }
        let content = String(String.UnicodeScalarView(characters[(start + 1)..<index]))
        index += 1
        tokens.append(Token(kind: .text(content), offset: start, length: index - start))
      } else {
        let two = index + 1 < characters.count ? String(scalar) + String(characters[index + 1]) : ""
        if ["<=", ">=", "==", "!="].contains(two) {
          tokens.append(Token(kind: .symbol(two), offset: start, length: 2))
          index += 2
        } else if "<>+-*/(),".unicodeScalars.contains(scalar) {
          tokens.append(Token(kind: .symbol(String(scalar)), offset: start, length: 1))
          index += 1
        } else if scalar == "=" {
          throw ExpressionError(offset: start, message: "'=' alone is not an operator; compare with '=='")
        } else if scalar == "&" || scalar == "|" || scalar == "!" {
          throw ExpressionError(offset: start, message: "'\(scalar)' is not an operator; write and, or, not")
        } else if scalar.value > 0x7F && !scalar.properties.isWhitespace {
          let hint =
            "，（）＜＞＝－".unicodeScalars.contains(scalar)
            ? " (a full-width character: switch the input method to half-width)" : ""
          throw ExpressionError(offset: start, message: "unexpected character '\(scalar)'\(hint)")
        } else {
          throw ExpressionError(offset: start, message: "unexpected character '\(scalar)'")
        }
      }
    }
    tokens.append(Token(kind: .end, offset: characters.count, length: 0))
    return tokens
  }
}
