using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PrivacyDesk.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class DashboardFigures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DashboardFigures",
                columns: table => new
                {
                    Figure = table.Column<int>(type: "int", nullable: false),
                    KeyA = table.Column<int>(type: "int", nullable: false),
                    KeyB = table.Column<int>(type: "int", nullable: false),
                    Count = table.Column<long>(type: "bigint", nullable: false),
                    AmountYen = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DashboardFigures", x => new { x.Figure, x.KeyA, x.KeyB });
                });

            // The counters start from a full count of the existing rows (ADR 0027).
            migrationBuilder.Sql(SqlServerBatch.Exec(DashboardFiguresBackfill.Sql(DeadlineFromReceiptBackfill.Provider.SqlServer)));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DashboardFigures");
        }
    }
}
