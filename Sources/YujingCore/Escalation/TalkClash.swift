import Foundation

/// When a talk may be set at a time and place. Talks set for the same time in the same room are
/// one meeting (a joint talk, 集体约谈) held by all their leaders together; a leader is in one
/// room at a time. So a new talk clashes when another room at that time has one of its leaders,
/// or when its room at that time holds a meeting of which none of its leaders is part.
public enum TalkClash {
  public struct Talk: Sendable, Hashable {
    public var number: String
    public var place: String
    public var holder: String?

    public init(number: String, place: String, holder: String?) {
      self.number = number
      self.place = place
      self.holder = holder
    }
  }

  /// The leaders of a holder such as 市政府常务副市长王××同志、市政府副市长李××同志.
  public static func leaders(_ holder: String?) -> Set<Substring> {
    Set((holder ?? "").split(separator: "、").map { $0.trimmingCharacters(in: .whitespaces)[...] })
  }

  /// The first talk already set at the time that the new one clashes with, and whether it is in
  /// the same room; nil when the new talk may be set.
  public static func clash(place: String, holder: String?, with others: [Talk]) -> (other: Talk, sameRoom: Bool)? {
    let mine = leaders(holder)
    if let elsewhere = others.first(where: { $0.place != place && !leaders($0.holder).isDisjoint(with: mine) }) {
      return (elsewhere, false)
    }
    let sameRoom = others.filter { $0.place == place }
    let meeting = sameRoom.reduce(into: Set<Substring>()) { $0.formUnion(leaders($1.holder)) }
    if let first = sameRoom.first, meeting.isDisjoint(with: mine) { return (first, true) }
    return nil
  }
}
