Feature: Sample rules
  @ignore
  Scenario: Ignored
    Then a step

  @rule-tag
  Rule: A rule with a tag
    Background:
      Given a rule background step

    Scenario: Inside the rule
      Then a step
