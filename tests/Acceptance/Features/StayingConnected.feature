Feature: Staying connected
  Smartcar's access tokens last two hours and its refresh tokens sixty days. The app renews access on its own
  while the refresh token lasts, and asks the owner to connect again only when it no longer can.

  Background:
    Given I am signed in

  @smoke
  Scenario: Access is renewed after two hours without connecting again
    Given I have connected my "TESLA"
    When 2 hours pass
    And I refresh my vehicles
    Then I see my vehicles
      | make  | model   | year |
      | TESLA | Model 3 | 2021 |
    And exactly 1 token refresh reached Smartcar

  Scenario: After sixty days away the app asks to connect again
    Given I have connected my "AUDI"
    When 60 days pass
    And I open my vehicles page
    Then I am asked to connect again
    And exactly 0 token refreshes reached Smartcar

  Scenario: Refreshes sent at the same moment share one renewal
    Smartcar turns a refresh token into a new one each time it is used, so two renewals at once would leave the
    app holding a token Smartcar no longer honours. The renewal is held up for a second, so every tab asks while
    it is under way.
    Given I have connected my "TESLA"
    And Smartcar takes a second to renew access
    When 2 hours pass
    And I press Refresh on my vehicles page in 4 tabs at once
    Then every tab shows my "TESLA"
    And exactly 1 token refresh reached Smartcar
    And each tab asked Smartcar for the vehicle list
