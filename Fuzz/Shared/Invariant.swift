/// Stops the fuzz target with a message when a property that must hold for every input does not:
/// libFuzzer then keeps the input as a crash, like any other trap.
func require(_ condition: Bool, _ message: @autoclosure () -> String) {
  if !condition { fatalError("invariant broken: \(message())") }
}
