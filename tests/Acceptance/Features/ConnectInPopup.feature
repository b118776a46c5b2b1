Feature: Connect in a pop-up
  As with Smartcar's JavaScript SDK, Connect can open in a pop-up: Connect ends on the SDK's redirect page (here the
  emulator's), which hands the result to the app's page and closes; the page finishes connecting without leaving.
  The page accepts that result only from the redirect page's origin and only with the state the app issued.

  Background:
    Given I am signed in
    And I am on the home page
    And I choose to open Connect in a pop-up

  Scenario: Connect a car in the pop-up and see it listed
    When I connect my "TESLA" in the pop-up and allow access
    Then the pop-up closes
    And I see my vehicles
      | make  | model   | year |
      | TESLA | Model 3 | 2021 |
    And the page never left the app for Connect
    And the page sent Connect's result to the app once, by POST and without the code in any address
    And exactly 1 token request reached Smartcar
    And neither the authorization code nor the client secret appears in the app's logs

  Scenario: Denying in the pop-up is explained in the page
    When I connect my "FORD" in the pop-up and deny access
    Then the pop-up closes
    And I am told "You did not allow access"
    And I am still on the home page
    And no token was requested from Smartcar

  Scenario: A message from another origin or with another state is ignored
    When I open Connect in the pop-up
    And the page receives a Smartcar message with the right state from its own origin instead of the redirect page's
    And the page receives a Smartcar message from the redirect page's origin with another state
    Then the page ignored both messages: nothing was sent to the app and Smartcar issued no token
    When I finish in the pop-up and allow access
    Then I see my vehicles
      | make  | model   | year |
      | TESLA | Model 3 | 2021 |
    And the page sent Connect's result to the app once, by POST and without the code in any address

  Scenario: A blocked pop-up falls back to Connect in the page, and says so
    Given my browser blocks pop-ups
    And I am on the home page
    And I choose to open Connect in a pop-up
    When I click Connect
    Then the page says "Your browser blocked the pop-up, so Connect opens in this window instead." before it leaves
    And Connect opens in the page instead, where I connect my "BMW"
    And I see my vehicles
      | make | model | year |
      | BMW  | i3    | 2019 |

  Scenario: Smartcar's redirect page opened without a pop-up says why it cannot finish
    When I open Smartcar's redirect page in a tab of its own
    Then it says "no window opened it"
