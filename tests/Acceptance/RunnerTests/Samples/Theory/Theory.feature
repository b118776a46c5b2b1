Feature: Theory

  @smoke
  Scenario: Runs as its own test case
    Given a step that passes

  @wip
  Scenario: Work in progress is reported as skipped
    Given a step that is not written yet
