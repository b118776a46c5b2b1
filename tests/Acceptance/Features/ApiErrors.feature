@api-errors
Feature: When Smartcar's API fails
  Reading a car goes through Smartcar to the car maker, and either can fail for a moment. The app quietly tries a
  reading again when the failure is passing (an upstream or server error), and when it lasts it says so for that
  reading and still shows the rest. Rate limits and a sleeping car are in "A vehicle's details and commands".

  Background:
    Given I am signed in
    And I have connected my "TESLA"

  Scenario: A passing upstream failure is retried and never shown
    Given the car maker will fail the next 2 odometer readings
    When I open my "TESLA"
    Then its odometer shows a distance
    And Smartcar was asked for the odometer 3 times

  Scenario: An upstream failure that lasts is explained and the rest still shows
    Given the car maker will fail the next 3 odometer readings
    When I open my "TESLA"
    Then its odometer shows "Something went wrong. Please try again later."
    And Smartcar was asked for the odometer 3 times
    And its VIN is shown

  Scenario: A failing command is never sent twice
    Given the car maker will fail the next lock command
    When I open my "TESLA"
    And I lock it
    Then the page says "Something went wrong. Please try again later."
    And Smartcar was asked to lock the car 1 time
