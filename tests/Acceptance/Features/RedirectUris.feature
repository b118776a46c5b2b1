@redirect-uris
Feature: Redirect URI rules
  Smartcar sends the owner back only to a redirect URI the application registered, exactly as registered, and
  registers only the four formats it documents: http on localhost, https, its JavaScript SDK page with an origin,
  and the mobile scheme sc<client id>://. The app registers http://localhost:<port>/exchange.

  Scenario: Connect is opened with exactly the redirect URI the app registered
    Given I am signed in
    And I am on the home page
    When I start connecting my "TESLA"
    Then Connect was opened with the app's registered redirect URI

  Scenario: Connect refuses a redirect URI the application did not register
    When Connect is opened for the app with the redirect URI "http://localhost:1/somewhere-else"
    Then Connect shows the error "400: Unauthorized redirect_uri"
    And the browser stays on Connect

  Scenario Outline: Smartcar refuses to register a redirect URI that breaks a rule: <rule>
    Given a developer's new application on Smartcar
    When they register the redirect URI "<uri>"
    Then Smartcar refuses it, saying "<message>"

    Examples:
      | rule                          | uri                                                                          | message                                              |
      | http only on localhost        | http://example.com/exchange                                                  | http:// is allowed only on localhost; use https://.  |
      | localhost means the name      | http://127.0.0.1:5000/exchange                                               | http:// is allowed only on localhost; use https://.  |
      | no fragment                   | https://example.com/exchange#top                                             | must not contain a fragment (#)                      |
      | custom scheme of this app     | myapp://exchange                                                             | a custom scheme must be sc                           |
      | JavaScript SDK with an origin | https://javascript-sdk.smartcar.com/v2/redirect?app_origin=https://a.com/x   | app_origin must be an origin only                    |

  Scenario: Smartcar registers each of its four formats
    Given a developer's new application on Smartcar
    When they register these redirect URIs
      | uri                                                                           |
      | http://localhost:3000/callback                                                |
      | https://example.com/smartcar/exchange                                         |
      | https://javascript-sdk.smartcar.com/v2/redirect?app_origin=https://example.com |
      | sc{client id}://exchange                                                      |
    Then Smartcar lists them all for the application
