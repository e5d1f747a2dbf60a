import Testing

@testable import YujingCore

/// The bitset of slots the case replay tests presence in.
struct SlotSetTests {
  @Test func holdsExactlyTheSlotsInsertedAcrossWordBoundaries() {
    var set = SlotSet(slotCount: 130)
    let inserted = [0, 1, 63, 64, 65, 127, 128, 129]
    for slot in inserted { set.insert(slot) }
    for slot in 0..<130 { #expect(set.contains(slot) == inserted.contains(slot), "slot \(slot)") }
  }

  @Test func aSlotOutsideTheIndexIsNeverPresent() {
    var set = SlotSet(slotCount: 10)
    set.insert(-1)
    set.insert(64)
    #expect(!set.contains(-1))
    #expect(!set.contains(64))
    #expect(!set.contains(1_000))
  }
}
