Feature: Failures

  Scenario: A step fails
    Given a step that passes
    When a step that fails
    Then a step that is never run
    And another step that is never run

  Scenario: Undefined step
    Given a step that passes
    And the user has 2 vehicles
    When I rename "Leaf" to 'Zoe'

  Scenario: Ambiguous step
    Given an ambiguous step

  Scenario: Wrong keyword
    Given the speed is 3.5
