Feature: Connect errors
  When Connect ends without access, the app says what happened and what to do next, offers to try again,
  and asks Smartcar for no token. Smartcar's test identities produce each error.

  Background:
    Given I am signed in

  Scenario Outline: Connect ending in <error> is explained
    Given I am on the home page
    When I start connecting my "CHEVROLET" signing in as "<email>"
    Then I am told "<title>"
    And I am offered to try again
    And no token was requested from Smartcar

    Examples:
      | error                | email                             | title                                               |
      | vehicle_incompatible | smartcar@vehicle-incompatible.com | Your car is not compatible                          |
      | invalid_subscription | smartcar@invalid-subscription.com | Your connected services subscription is not active |
      | no_vehicles          | 0-vehicles@smartcar.com           | No cars found                                       |
      | server_error         | smartcar@server-error.com         | Smartcar had a problem                              |

  Scenario: An incompatible car that the owner shared is named
    Given I am on the home page
    When I start connecting my "AUDI" signing in as "smartcar@vehicle-incompatible.com"
    Then the explanation names the shared vehicle with VIN "0SCAUDI012FE3B132"

  Scenario: A car Smartcar cannot find in the account is its configuration error, explained
    Connect shows its own error page first; the owner returns to the app from it.
    Given I am on the home page
    When I ask Connect for only the car with VIN "1HGCM82633A004352" and sign in to my "TESLA" account
    Then Connect explains "does not belong to a vehicle in this account"
    When I return to the app from Connect
    Then I am told "Smartcar reported a problem"
    And the explanation quotes Connect: "The VIN 1HGCM82633A004352 does not belong to a vehicle in this account. Please enter another VIN."
    And no token was requested from Smartcar
