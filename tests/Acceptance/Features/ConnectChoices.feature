Feature: Connect choices
  The owner can skip the brand list, share a single car, or be asked again what to share.

  Background:
    Given I am signed in

  Scenario: Skip the brand list and share only one of three cars
    Given I am on the home page
    When I connect with the brand "CHEVROLET" and only one car, signing in as "3-vehicles@smartcar.com"
    Then Connect did not show the brand list
    And I see my vehicles
      | make      | model | year |
      | CHEVROLET | Volt  | 2018 |

  Scenario: A VIN that is not a VIN is refused before leaving the app
    Given I am on the home page
    When I ask to connect only the car with VIN "NOT-A-VIN"
    Then I am told the choice is wrong: "A VIN has 17 letters and digits"

  Scenario: Connecting a car again does not ask again what to share
    Given I have connected my "TESLA"
    When I connect my "TESLA" again
    Then Connect asked what to share 1 time
    And I see my vehicles
      | make  | model   | year |
      | TESLA | Model 3 | 2021 |

  Scenario: Always ask what to share, even for a car already connected
    Given I have connected my "TESLA"
    When I connect my "TESLA" again choosing "Always ask me what to share"
    Then Connect asked what to share 2 times
    And I see my vehicles
      | make  | model   | year |
      | TESLA | Model 3 | 2021 |
