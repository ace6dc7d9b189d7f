using Chat.Specs.Support;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Chat.Specs.Storage;

/// <summary>
/// Inside <c>Chat.Specs.Storage</c>, <c>[Fact]</c> means this one: xunit's fact, skipped with a
/// reason when its class carries <see cref="NeedsPostgresAttribute"/> and no server is
/// configured (see <see cref="TestPostgres"/>). It shadows <c>Xunit.FactAttribute</c> on
/// purpose: the contract's facts are written once in <see cref="ChatStoreContract"/> and
/// inherited by every store's spec class, and only the class knows which server it needs.
/// xunit 2 has no skipping at run time, so the decision is made at discovery.
/// </summary>
[XunitTestCaseDiscoverer("Chat.Specs.Storage.StoreFactDiscoverer", "Chat.Specs")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class FactAttribute : Xunit.FactAttribute;

/// <summary>
/// Inside <c>Chat.Specs.Storage</c>, <c>[Theory]</c> means this one: xunit's theory, skipped as
/// a whole (one skipped case, not one per data row) like <see cref="FactAttribute"/> when its
/// class needs a PostgreSQL server and none is configured.
/// </summary>
[XunitTestCaseDiscoverer("Chat.Specs.Storage.StoreTheoryDiscoverer", "Chat.Specs")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class TheoryAttribute : Xunit.TheoryAttribute;

/// <summary>The spec class runs against the PostgreSQL server of <see cref="TestPostgres"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class NeedsPostgresAttribute : Attribute;

public sealed class StoreFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    protected override IXunitTestCase CreateTestCase(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        new StoreTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod);
}

public sealed class StoreTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute) =>
        StoreTestCase.SkipReasonOf(testMethod) is null
            ? base.Discover(discoveryOptions, testMethod, theoryAttribute)
            : [new StoreTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod)];
}

/// <summary>A fact whose skip reason can come from its class; recomputed wherever it is deserialised.</summary>
public sealed class StoreTestCase : XunitTestCase
{
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public StoreTestCase()
    {
    }

    public StoreTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay display, TestMethodDisplayOptions displayOptions, ITestMethod testMethod)
        : base(diagnosticMessageSink, display, displayOptions, testMethod)
    {
    }

    protected override string? GetSkipReason(IAttributeInfo factAttribute) =>
        base.GetSkipReason(factAttribute) ?? SkipReasonOf(TestMethod);

    /// <summary>Why a spec of this method's class cannot run here; null when it can.</summary>
    public static string? SkipReasonOf(ITestMethod testMethod) =>
        testMethod.TestClass.Class.GetCustomAttributes(typeof(NeedsPostgresAttribute)).Any() ? TestPostgres.SkipReason : null;
}
