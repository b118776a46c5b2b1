Feature: Outline

  Background:
    Given the journal is open

  @charging
  Scenario Outline: Charge to <level>
    Given the battery is at <level> percent
    Then the car is "<state>"

    Examples:
      | level | state |
      | 20    | low   |
      | 90    | full  |
