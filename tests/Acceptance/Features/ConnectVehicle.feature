Feature: Connect a vehicle
  Car owners connect their car through Smartcar Connect and then see it in the app.
  Here Connect is the offline emulator, which, like Smartcar's test mode, accepts any email and password.

  Background:
    Given I am signed in

  @smoke
  Scenario: Connect a vehicle and see its make, model and year
    Given I am on the home page
    When I connect my "TESLA" and allow access
    Then I see my vehicles
      | make  | model   | year |
      | TESLA | Model 3 | 2021 |
    And the address bar shows no authorization code

  Scenario: Every vehicle on the account is listed
    Given I am on the home page
    When I connect my "CHEVROLET" signing in as "3-vehicles@smartcar.com" and allow access
    Then I see my vehicles
      | make      | model   | year |
      | CHEVROLET | Volt    | 2018 |
      | CHEVROLET | Bolt EV | 2020 |
      | CHEVROLET | Volt    | 2018 |

  Scenario: The list is shown from what was read when connecting; Refresh reads the cars again
    Make, model and year are read once, when a car is connected, and kept: looking at the list asks Smartcar
    nothing, however often. Refresh reads them again: the vehicle list, then each car (API v2.0 has one call per car).
    Given I have connected my "CHEVROLET" signing in as "3-vehicles@smartcar.com"
    When I look at my vehicles 3 times
    Then the app asked Smartcar nothing
    When I refresh my vehicles
    Then the list says "Make, model and year were read again from Smartcar."
    And the app asked Smartcar 4 times
    And I see my vehicles
      | make      | model   | year |
      | CHEVROLET | Volt    | 2018 |
      | CHEVROLET | Bolt EV | 2020 |
      | CHEVROLET | Volt    | 2018 |

  Scenario: Deny access shows a friendly message
    Given I am on the home page
    When I connect my "FORD" and deny access
    Then I am told "You did not allow access"
    And no token was requested from Smartcar
