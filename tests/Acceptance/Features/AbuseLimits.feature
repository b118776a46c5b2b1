Feature: Abuse limits
  Someone who repeats an action too often in a short while is asked to wait: the app answers with a page that says
  how long, instead of doing the work again. Per user, Connect can be started 10 times a minute.

  Background:
    Given I am signed in

  Scenario: Starting Connect again and again is paused with a page that says how long to wait
    When I start Connect 10 times in a row
    And I start Connect once more
    Then I am asked to wait: "Too many attempts"
