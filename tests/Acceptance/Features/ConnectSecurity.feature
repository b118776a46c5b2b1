Feature: Connect security
  The redirect back from Smartcar is only honoured for the browser that started it, once, and the tokens it
  yields stay on the server.

  Background:
    Given I am signed in

  Scenario: A forged state is refused and no token is requested
    Given I am on the home page
    When I go through Connect but the redirect comes back with a forged state
    Then I am told "This sign-in link is not valid"
    And no token was requested from Smartcar

  Scenario: A redirect link works only once
    Given I have connected my "BMW"
    When I open the same redirect link again
    Then I am told "This sign-in link is not valid"
    And exactly 1 token request reached Smartcar

  Scenario: Tokens never appear in the page, the cookies or the logs
    Given I have connected my "TESLA"
    When I look at my vehicles
    Then no token Smartcar issued appears in the page source
    And no token Smartcar issued appears in the browser's cookies
    And no token Smartcar issued appears in the app's logs
    And neither the authorization code nor the client secret appears in the app's logs

  Scenario: Pages allow no outside scripts, framing or referrers
    Given I am on the home page
    Then every page carries a Content-Security-Policy that allows only the app itself
