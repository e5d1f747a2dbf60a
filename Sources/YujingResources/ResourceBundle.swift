import Foundation

/// The files yujing ships beside its binary: the top-level `thresholds/` (the default rule set,
/// escalation ladder and calendars) and, from this folder, the default configuration, templates
/// and the 宜春 sample. This target exists so that `thresholds/` can stay at the top of the
/// repository, where operators look for it, and still be embedded.
public enum ResourceBundle {
  /// The bundle's directory as the build tool placed it (`yujing_YujingResources.resources`).
  public static var buildURL: URL { Bundle.module.bundleURL }
  public static let name = "yujing_YujingResources.resources"
}
