using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PrivacyDesk.Web.Data.Migrations.Postgres
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
                    Figure = table.Column<int>(type: "integer", nullable: false),
                    KeyA = table.Column<int>(type: "integer", nullable: false),
                    KeyB = table.Column<int>(type: "integer", nullable: false),
                    Count = table.Column<long>(type: "bigint", nullable: false),
                    AmountYen = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DashboardFigures", x => new { x.Figure, x.KeyA, x.KeyB });
                });

            // The counters start from a full count of the existing rows (ADR 0027).
            migrationBuilder.Sql(DashboardFiguresBackfill.Sql(DeadlineFromReceiptBackfill.Provider.Postgres));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DashboardFigures");
        }
    }
}
