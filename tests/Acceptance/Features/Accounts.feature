Feature: Accounts
  People sign in to the app with a local account and see and control only the cars they connected themselves.
  A connection belongs to the account; a trip through Connect belongs to the browser session it started in.

  Scenario: Two app users cannot see each other's cars
    Given I have registered
    And I have connected my "TESLA" signing in as "owner@example.com"
    When another person registers in a second browser
    And they connect their "FORD" signing in as "other@example.com" and allow access
    Then they see only their vehicles
      | make | model          | year |
      | FORD | Mustang Mach-E | 2021 |
    When I go back to my own browser and look at my vehicles
    Then I see my vehicles
      | make  | model   | year |
      | TESLA | Model 3 | 2021 |

  Scenario: Signing out and back in keeps my connected car
    Given I have registered
    And I have connected my "BMW" signing in as "owner@example.com"
    When I sign out
    Then opening my vehicles asks me to sign in
    When I sign in again
    And I look at my vehicles
    Then I see my vehicles
      | make | model | year |
      | BMW  | i3    | 2019 |

  Scenario: A Connect started in one browser is refused in another browser of the same user
    Given I have registered
    When I start Connect in this browser but the redirect back arrives in a second browser where I am also signed in
    Then I am told "This sign-in link is not valid"
    And no token was requested from Smartcar

  Scenario: My password is kept out of the logs and the cookies
    Given I have registered
    When I sign out
    And I sign in again
    Then my password appears neither in the app's logs nor in the browser's cookies

  Scenario: Changing my password keeps me signed in here and signs me out in my other browser
    Given I have registered
    And I am also signed in in a second browser
    When I go back to my first browser and change my password
    Then I am told my password is changed and I am still signed in
    And opening my vehicles in the second browser asks me to sign in
