using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PrivacyDesk.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AuditChainKeysAndAnchors : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ChainKeyId",
                table: "AuditEvents",
                type: "character varying(32)",
                unicode: false,
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AuditAnchors",
                columns: table => new
                {
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    Hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    ChainKeyId = table.Column<string>(type: "character varying(32)", unicode: false, maxLength: 32, nullable: true),
                    LegacyThrough = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Recipients = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditAnchors", x => x.Date);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuditAnchors");

            migrationBuilder.DropColumn(
                name: "ChainKeyId",
                table: "AuditEvents");
        }
    }
}
