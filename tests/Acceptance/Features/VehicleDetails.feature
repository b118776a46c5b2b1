Feature: A vehicle's details and commands
  The vehicle page shows what the owner allowed the app to read, with units and how long ago the car recorded it,
  and offers Lock and Unlock. When Smartcar cannot answer for one reading, the page says why and shows the rest.
  Smartcar bills every call: the page reads the car in one call, keeps the readings for five minutes, and asks again
  sooner only when the owner presses "Refresh now" (at most once a minute).

  Background:
    Given I am signed in

  @smoke
  Scenario: See what my car shares, then unlock and lock it
    Given I have connected my "TESLA"
    When I open my "TESLA"
    Then I see its VIN, odometer, location, battery and doors
    When I unlock it
    Then the page confirms "Your car was asked to unlock."
    And its doors show "Unlocked"
    When I lock it
    Then its doors show "Locked"

  Scenario: A sleeping car says so and the rest still shows
    Given I have connected my "FORD"
    And Smartcar will say the car is asleep when its odometer is read
    When I open my "FORD"
    Then its odometer shows "Your vehicle is in a sleep state"
    And its VIN is shown

  Scenario: A rate limit says when to try again
    Given I have connected my "TESLA"
    And Smartcar will limit the next reading of the car's doors, asking to retry after 30 seconds
    When I open my "TESLA"
    Then its doors show "try again in 30 seconds"

  Scenario: A missing permission offers to connect again asking for it
    Given I have connected my "TESLA"
    And Smartcar will refuse the next lock or unlock for want of a permission
    When I open my "TESLA"
    And I lock it
    Then the page confirms "You did not allow this app to lock and unlock this car. Connect again and allow it."
    When I connect again to allow it
    Then Connect asked me to allow "control_security" and showed me what to share
    And I see my vehicles
      | make  | model   | year |
      | TESLA | Model 3 | 2021 |

  Scenario: Readings are kept for a while and show how old they are
    Given I have connected my "TESLA"
    When I open my "TESLA"
    Then its odometer was recorded "just now"
    When 2 minutes pass
    And I open my "TESLA" again
    Then its odometer was recorded "2 minutes ago"
    And Smartcar was asked for the car's readings 1 time

  Scenario: Refresh now asks the car again, once a minute at most
    Given I have connected my "TESLA"
    When I open my "TESLA"
    And 2 minutes pass
    And I refresh the readings
    Then its odometer was recorded "just now"
    And Smartcar was asked for the car's readings 2 times
    When I refresh the readings
    Then the page says when the readings can be refreshed again
    And Smartcar was asked for the car's readings 2 times

  Scenario: Locking needs no new reading of the car
    Given I have connected my "TESLA"
    When I open my "TESLA"
    And I lock it
    Then its doors show "Locked"
    And Smartcar was asked for the car's readings 1 time

  Scenario: When Smartcar limits the car, the kept readings show with why they are not newer
    Given I have connected my "TESLA"
    When I open my "TESLA"
    And 5 minutes pass
    And Smartcar will limit the next reading of the car, asking to retry after 30 seconds
    And I open my "TESLA" again
    Then the page says the readings are not newer because "Please try again in 30 seconds."
    And its odometer was recorded "5 minutes ago"

  Scenario: A car past its plan's monthly allowance shows the kept readings, says why, and Smartcar is not asked again
    Given I have connected my "TESLA"
    When I open my "TESLA"
    And 5 minutes pass
    And the car has used up its monthly Smartcar allowance
    And I open my "TESLA" again
    Then the page says the readings are not newer because "This car's monthly Smartcar allowance is used up"
    And its odometer was recorded "5 minutes ago"
    When 2 minutes pass
    And I refresh the readings
    Then the page says the readings are not newer because "This car's monthly Smartcar allowance is used up"
    And Smartcar was asked for the car's readings 2 times
