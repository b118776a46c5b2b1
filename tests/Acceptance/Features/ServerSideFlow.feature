@server-side
Feature: Connect through Smartcar's server-side flow
  In Smartcar's server-side flow the app keeps the Smartcar user id of whoever connected, not their tokens. The id on
  Connect's redirect is only a claim: the app exchanges the code that comes with it once, asks Smartcar whose it is,
  and keeps that id (and none of the code's tokens). It asks Smartcar for one application token (client credentials)
  and reads each user's vehicles from Smartcar's v3 API with that token and the user id: once, when connecting (the
  list of connections describes each car), and again only on Refresh. These scenarios run against the app
  configured for that flow.

  Background:
    Given I am signed in

  Scenario: Connect a vehicle and see its make, model and year
    Given I am on the home page
    When I connect my "TESLA" and allow access
    Then I see my vehicles
      | make  | model   | year |
      | TESLA | Model 3 | 2021 |
    And my vehicles were read from Smartcar's v3 API as the Smartcar user who connected
    And Smartcar was asked for exactly 1 application token
    And the app asked Smartcar who connected with the code, and read nothing else with it

  Scenario: Connect in a pop-up: the page hands the Smartcar user id to the app
    Given I am on the home page
    And I choose to open Connect in a pop-up
    When I connect my "TESLA" in the pop-up and allow access
    Then the pop-up closes
    And I see my vehicles
      | make  | model   | year |
      | TESLA | Model 3 | 2021 |
    And the app asked Smartcar who connected with the code, and read nothing else with it

  Scenario: Cars from two Connect sessions are all listed
    Given I have connected my "CHEVROLET" signing in as "2-vehicles@smartcar.com"
    And I have connected my "BMW"
    When I look at my vehicles
    Then I see my vehicles
      | make      | model   | year |
      | CHEVROLET | Volt    | 2018 |
      | CHEVROLET | Bolt EV | 2020 |
      | BMW       | i3      | 2019 |

  Scenario: The application token is renewed when it expires, without asking me to connect again
    Given I have connected my "TESLA"
    When 2 hours pass
    And I refresh my vehicles
    Then I see my vehicles
      | make  | model   | year |
      | TESLA | Model 3 | 2021 |
    And Smartcar was asked for exactly 2 application tokens

  Scenario: The list costs no call; Refresh reads the account's cars again in one call
    Given I have connected my "CHEVROLET" signing in as "2-vehicles@smartcar.com"
    When I look at my vehicles 3 times
    Then the app asked Smartcar nothing
    When I refresh my vehicles
    Then the list says "Make, model and year were read again from Smartcar."
    And the app asked Smartcar 1 times
    And I see my vehicles
      | make      | model   | year | powertrain |
      | CHEVROLET | Volt    | 2018 | PHEV       |
      | CHEVROLET | Bolt EV | 2020 | BEV        |

  Scenario: Two app users cannot see each other's cars
    Given I have connected my "TESLA"
    When another person uses the app in a second browser
    And they connect their "FORD" signing in as "other@example.com" and allow access
    Then they see only their vehicles
      | make | model          | year |
      | FORD | Mustang Mach-E | 2021 |

  Scenario: The application token stays out of the page, the cookies and the logs
    Given I have connected my "TESLA"
    When I look at my vehicles
    Then no token Smartcar issued appears in the page source
    And no token Smartcar issued appears in the browser's cookies
    And no token Smartcar issued appears in the app's logs

  Scenario Outline: A redirect naming another person's Smartcar user connects nothing (<code>)
    Given another person has connected their "FORD" signing in as "victim@example.com" in a second browser
    When I go through Connect as "attacker@example.com" but send the app the other person's Smartcar user id <code>
    Then I am told "We could not confirm who connected"
    And my list of vehicles is still empty

    Examples:
      | code             |
      | with my own code |
      | without a code   |

  Scenario: Disconnect the Smartcar account: its cars leave my list and Smartcar
    Given I have connected my "CHEVROLET" signing in as "2-vehicles@smartcar.com"
    When I disconnect that Smartcar account and confirm
    Then I see "The Smartcar account and its cars were disconnected."
    And I have no car connected
    And Smartcar lists no connection of "2-vehicles@smartcar.com" to the app any more

  Scenario: The server-side vehicle page with Lock and Disconnect
    Given I have connected my "CHEVROLET" signing in as "2-vehicles@smartcar.com"
    When I open my "CHEVROLET"
    Then its odometer was recorded "just now"
    When 2 minutes pass
    And I open my "CHEVROLET" again
    Then its odometer was recorded "2 minutes ago"
    And Smartcar was asked for the car's signals 1 time
    When I lock it
    Then its doors show "Locked"
    When I unlock it
    Then its doors show "Unlocked"
    And Smartcar was asked for the car's signals 1 time
    When I disconnect it and confirm
    Then I see "Your car was disconnected."
    And 1 car is listed
    And Smartcar no longer lists the disconnected car's connection
