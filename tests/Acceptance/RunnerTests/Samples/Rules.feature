@feature-tag
Feature: Rules

  Background:
    Given the journal is open

  @rule-tag
  Rule: A car charges only when plugged in

    Background:
      Given a step that passes

    @outline-tag
    Scenario Outline: Charge at <level>
      Given the battery is at <level> percent

      @low
      Examples: Low
        | level |
        | 10    |

      @high
      Examples: High
        | level |
        | 95    |

  Rule: Hooks can be limited to tags

    @tagged
    Scenario: Step hooks wrap every step
      Given a step that passes
      When a step that fails
      Then a step that is never run
