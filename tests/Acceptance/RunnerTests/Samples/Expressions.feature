Feature: Expressions
  Step arguments reach the binding converted to its parameter types.

  Background:
    Given the journal is open

  Scenario: Cucumber expressions
    Given the user has 3 cars
    And a car named "Model 3"
    And a car named 'Leaf'
    And the colour red
    When the battery is at 0.85
    And the speed is -12.5
    Then the odometer reads 120000

  Scenario: Regular expressions
    Given I am 42 years old
    Then the mode is sport
    And charging is true

  Scenario: Data table and doc string
    Given these vehicles:
      | make  | model |
      | Tesla | 3     |
      | BMW   | i3    |
    Then the payload is:
      """json
      {"id": 1}
      """
