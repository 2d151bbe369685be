using System.Text.Json;
using IngestWorker.Core.Extraction;

namespace IngestWorker.Core.Tests.Extraction;

public sealed class TroopKindTests
{
    [Fact]
    public void Kinds_go_on_the_wire_as_the_claims_contract_names_them_in_the_one_order_they_are_declared_in()
    {
        Assert.Equal(["level", "target", "reduction", "increase"], TroopKinds.Names);
        Assert.Equal("\"reduction\"", JsonSerializer.Serialize(TroopKind.Reduction));
        Assert.Equal(TroopKind.Increase, JsonSerializer.Deserialize<TroopKind>("\"increase\""));
        Assert.Equal([0, 1, 2, 3], TroopKinds.Names.Select(name => TroopKinds.Order(ContractWords<TroopKind>.Parse(name))));
    }
}
