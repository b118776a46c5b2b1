using Microsoft.Playwright;

namespace SmartcarClean.Acceptance.Drivers;

/// <summary>The home page: the Connect button and the Connect choices under it.</summary>
public sealed class HomePage(BrowserDriver browser)
{
    private const string ConnectWithChoices = "Connect with these choices";

    private IPage Page => browser.Page;

    public async Task OpenAsync() => await Page.GotoAsync("/");

    public Task StartConnectAsync() => Page.GetByRole(AriaRole.Link, new() { Name = "Connect your car" }).ClickAsync();

    /// <summary>Connect choices: a brand (so Connect skips its brand list) and a single car.</summary>
    public async Task ConnectWithBrandAndOneCarAsync(string make)
    {
        await OpenChoicesAsync();
        await Page.GetByLabel("Brand (skips the brand list)").FillAsync(make);
        await Page.GetByLabel("Share only one car").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = ConnectWithChoices }).ClickAsync();
    }

    /// <summary>Connect choices: only the car with this VIN.</summary>
    public async Task ConnectOnlyTheCarWithVinAsync(string vin)
    {
        await OpenChoicesAsync();
        await Page.GetByLabel("Only the car with this VIN").FillAsync(vin);
        await Page.GetByRole(AriaRole.Button, new() { Name = ConnectWithChoices }).ClickAsync();
    }

    /// <summary>Connect choices: the one checkbox labelled <paramref name="choice"/>.</summary>
    public async Task ConnectChoosingAsync(string choice)
    {
        await OpenChoicesAsync();
        await Page.GetByLabel(choice).CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = ConnectWithChoices }).ClickAsync();
    }

    public void ExpectStillHere() => new Uri(Page.Url).AbsolutePath.ShouldBe("/");

    private Task OpenChoicesAsync() => Page.GetByText("Connect choices").ClickAsync();
}
