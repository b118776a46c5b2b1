Feature: Scope

  Scenario: Instances are shared within a scenario
    Given the first binding notes its state
    Then the second binding sees the same state

  @wip
  Scenario: Work in progress
    Given a step that is not written yet

  @ignore
  Scenario: Ignored
    Given a step that is not written yet
