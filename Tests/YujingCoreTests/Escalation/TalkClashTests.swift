import Testing

@testable import YujingCore

/// Talks set for one time: one meeting per room, one room per leader.
struct TalkClashTests {
  static let wang = "市政府常务副市长王××同志"
  static let zhang = "市政府副市长张××同志"
  static let li = "市政府副市长李××同志"
  static let chen = "市政府副市长陈××同志"
  static let room1 = "市政府第一会议室"
  static let room2 = "市政府第二会议室"

  static func talk(_ number: Int, _ place: String, _ leaders: String...) -> TalkClash.Talk {
    TalkClash.Talk(number: "宜府办约谈〔2020〕\(number)号", place: place, holder: leaders.joined(separator: "、"))
  }

  @Test func aLeaderJoinsTheMeetingHeldWithOthersInTheSameRoom() {
    // 王、张、李 together, then 王 alone: both are one meeting; so is 张 alone after them.
    let set = [Self.talk(1, Self.room1, Self.wang, Self.zhang, Self.li), Self.talk(8, Self.room1, Self.wang)]
    #expect(TalkClash.clash(place: Self.room1, holder: Self.zhang, with: set) == nil)
    #expect(TalkClash.clash(place: Self.room1, holder: "\(Self.li)、\(Self.wang)", with: set) == nil)
  }

  @Test func aLeaderNotInTheMeetingCannotUseItsRoom() {
    let set = [Self.talk(1, Self.room1, Self.wang, Self.zhang), Self.talk(2, Self.room1, Self.zhang)]
    let clash = TalkClash.clash(place: Self.room1, holder: Self.chen, with: set)
    #expect(clash?.other.number == "宜府办约谈〔2020〕1号")
    #expect(clash?.sameRoom == true)
    #expect(TalkClash.clash(place: Self.room2, holder: Self.chen, with: set) == nil)
  }

  @Test func aLeaderIsInOneRoomAtATimeEvenWhenJoinedByOthers() {
    let set = [Self.talk(1, Self.room1, Self.wang), Self.talk(3, Self.room2, Self.chen)]
    // 张 and 陈 together in room 1 would take 陈 away from the talk in room 2.
    let clash = TalkClash.clash(place: Self.room1, holder: "\(Self.wang)、\(Self.chen)", with: set)
    #expect(clash?.other.number == "宜府办约谈〔2020〕3号")
    #expect(clash?.sameRoom == false)
    #expect(TalkClash.clash(place: Self.room2, holder: Self.wang, with: set)?.sameRoom == false)
  }

  @Test func anEmptyTimeTakesAnyLeaderInAnyRoom() {
    #expect(TalkClash.clash(place: Self.room1, holder: Self.li, with: []) == nil)
  }
}
