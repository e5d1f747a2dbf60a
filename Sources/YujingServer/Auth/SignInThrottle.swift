import Foundation
import NIOConcurrencyHelpers

/// The limits on signing in that are not an account's own: per address and over all addresses.
///
/// An address that has given `perAddress` wrong passwords within `window` is refused without its
/// password being tried. When `global` wrong passwords have come within `window` from all
/// addresses together (a spray from many addresses), every address that has itself given a wrong
/// password within `window` is refused too, while an address without one still signs in: the
/// sprayer is slowed, the office is not. And at most `checksPerAddress` passwords of one address
/// are checked at a time, so that one address cannot keep the threads that check passwords (a few
/// hundred milliseconds each, by design) busy for everyone else.
///
/// Kept in memory: a restart forgets it, which costs an attacker nothing a restart did not.
final class SignInThrottle: Sendable {
  struct Settings: Sendable {
    var perAddress = 20
    var global = 200
    var checksPerAddress = 2
    var window: TimeInterval = 15 * 60
  }

  enum Refusal: Sendable, Equatable {
    /// Too many wrong passwords from this address, or from everywhere with some from this one.
    case address
    /// This address's passwords are being checked already.
    case busy
  }

  private struct State {
    var failuresByAddress: [String: [Date]] = [:]
    var failures: [Date] = []
    var checking: [String: Int] = [:]
  }

  let settings: Settings
  private let state = NIOLockedValueBox(State())

  init(settings: Settings = Settings()) {
    self.settings = settings
  }

  /// Starts a password check for `address`, or says why it may not start. A check started must be
  /// ended with `end`.
  func begin(address: String, now: Date) -> Refusal? {
    state.withLockedValue { state in
      let since = now.addingTimeInterval(-settings.window)
      Self.prune(&state, since: since)
      let own = state.failuresByAddress[address, default: []].filter { $0 >= since }.count
      if own >= settings.perAddress || (own > 0 && state.failures.count >= settings.global) { return .address }
      if state.checking[address, default: 0] >= settings.checksPerAddress { return .busy }
      state.checking[address, default: 0] += 1
      return nil
    }
  }

  /// Ends a check; a wrong password counts against the address and towards the global limit.
  func end(address: String, wrongPassword: Bool, now: Date) {
    state.withLockedValue { state in
      let remaining = state.checking[address, default: 1] - 1
      state.checking[address] = remaining > 0 ? remaining : nil
      guard wrongPassword else { return }
      state.failuresByAddress[address, default: []].append(now)
      state.failures.append(now)
    }
  }

  /// Forgets failures older than the window. The global list is in time order, so its old part
  /// is a prefix; the per-address lists are swept only when they have grown, so that the cost
  /// stays proportional to what was recorded.
  private static func prune(_ state: inout State, since: Date) {
    if let firstKept = state.failures.firstIndex(where: { $0 >= since }) {
      if firstKept > 0 { state.failures.removeFirst(firstKept) }
    } else {
      state.failures.removeAll()
    }
    if state.failuresByAddress.count > 1024 {
      state.failuresByAddress = state.failuresByAddress.compactMapValues { times in
        let kept = times.filter { $0 >= since }
        return kept.isEmpty ? nil : kept
      }
    }
  }
}
