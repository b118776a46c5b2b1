Feature: Disconnecting cars
  An owner can take back access: Smartcar revokes the app's access and the app forgets the car.
  Each disconnect asks for confirmation first.

  Background:
    Given I am signed in

  @smoke
  Scenario: Disconnect one car after confirming
    Given I have connected my "HYUNDAI" signing in as "2-vehicles@smartcar.com"
    When I open my "HYUNDAI"
    And I disconnect it and confirm
    Then I see "Your car was disconnected."
    And 1 car is listed
    And Smartcar was asked to revoke access 1 time

  Scenario: Disconnect all cars after confirming
    Given I have connected my "NISSAN" signing in as "2-vehicles@smartcar.com"
    When I disconnect all my cars and confirm
    Then I see "2 cars were disconnected."
    And I have no car connected
    And Smartcar was asked to revoke access 2 times
