@sample
Feature: Sample outline
  Background:
    Given a background step

  @smoke
  Scenario: A plain scenario
    When a step with a table:
      | make  | year |
      | TESLA | 2021 |
    And a step with a doc string:
      """
      some text
      """
    Then a final step

  Scenario Outline: An outline about <thing>
    When I use <thing>
    Then it is <result>

    @first-examples
    Examples:
      | thing | result |
      | cars  | fast   |
      | bikes | slow   |

    @wip
    Examples:
      | thing | result |
      | boats | wet    |
