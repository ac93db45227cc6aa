using System.Net;
using OutreachStats.Http;
using Xunit;

namespace OutreachStats.Tests.Client;

/// <summary>The HTTP handler every connection gets: no redirects, and no cap of 2 connections per host.</summary>
public sealed class HandlerTests
{
    private static readonly Uri Lemlist = new("https://api.lemlist.com/api");

    [Fact]
    public void TheHandlerFollowsNoRedirectAndAllowsManyConnectionsPerHost()
    {
        using var handler = Assert.IsType<HttpClientHandler>(ApiTransport.CreateDefaultHandler(Lemlist));

        Assert.False(handler.AllowAutoRedirect);
        Assert.False(handler.UseCookies);
        Assert.Equal(ApiTransport.MaxConnectionsPerHost, handler.MaxConnectionsPerServer);
        Assert.Null(handler.ServerCertificateCustomValidationCallback);
    }

    // On .NET Framework (Windows PowerShell 5.1) the host's ServicePoint decides, and allows 2 by default.
    [Fact]
    public void TheProviderHostsServicePointAllowsAsManyConnections()
    {
        using var handler = ApiTransport.CreateDefaultHandler(Lemlist);

#pragma warning disable SYSLIB0014 // ServicePointManager is what .NET Framework reads; it is obsolete only on .NET.
        Assert.True(ServicePointManager.FindServicePoint(Lemlist).ConnectionLimit >= ApiTransport.MaxConnectionsPerHost);
#pragma warning restore SYSLIB0014
    }
}
