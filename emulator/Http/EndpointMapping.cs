using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace SmartcarClean.Emulator.Http;

/// <summary>Registers one of Smartcar's endpoints: the requests it matches, answered by a callback at <see cref="MappingPriority.Endpoint"/>.</summary>
internal static class EndpointMapping
{
    public static void AddEndpoint(this WireMockServer server, IRequestBuilder request, Func<IRequestMessage, ResponseMessage> answer) =>
        server.Given(request).AtPriority(MappingPriority.Endpoint).RespondWith(Response.Create().WithCallback(answer));
}
