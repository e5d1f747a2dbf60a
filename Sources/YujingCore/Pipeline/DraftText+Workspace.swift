extension DraftText {
  /// The drafting of a workspace: its configuration and templates, with the ladder, calendar and
  /// rules of its thresholds.
  public init(workspace: Workspace, thresholds: Thresholds) {
    self.init(
      configuration: workspace.configuration, templates: workspace.templates, ladder: thresholds.ladder,
      calendar: thresholds.calendar, rules: thresholds.ruleSet.rules)
  }
}
