using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PrivacyDesk.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AuditHashChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PurgedAt",
                table: "Letters",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "Hash",
                table: "AuditEvents",
                type: "varbinary(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: new byte[0]);

            migrationBuilder.AddColumn<byte[]>(
                name: "PreviousHash",
                table: "AuditEvents",
                type: "varbinary(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: new byte[0]);

            migrationBuilder.AddColumn<long>(
                name: "Sequence",
                table: "AuditEvents",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "AuditChainHead",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false),
                    LastSequence = table.Column<long>(type: "bigint", nullable: false),
                    LastHash = table.Column<byte[]>(type: "varbinary(32)", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditChainHead", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "AuditChainHead",
                columns: new[] { "Id", "LastHash", "LastSequence" },
                values: new object[] { 1, new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, 0L });

            migrationBuilder.CreateIndex(
                name: "IX_Letters_PurgedAt_IssuedAt",
                table: "Letters",
                columns: new[] { "PurgedAt", "IssuedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_ActorId_Sequence",
                table: "AuditEvents",
                columns: new[] { "ActorId", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_Sequence",
                table: "AuditEvents",
                column: "Sequence",
                unique: true);

            // Refuse UPDATE/DELETE of audit events in the database itself (ADR 0008).
            migrationBuilder.Sql(SqlServerBatch.Exec(PrivacyDesk.Web.Audit.AuditTriggers.SqlServerEventsUp));
            migrationBuilder.Sql(SqlServerBatch.Exec(PrivacyDesk.Web.Audit.AuditTriggers.SqlServerHeadUp));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SqlServerBatch.Exec(PrivacyDesk.Web.Audit.AuditTriggers.SqlServerDown));

            migrationBuilder.DropTable(
                name: "AuditChainHead");

            migrationBuilder.DropIndex(
                name: "IX_Letters_PurgedAt_IssuedAt",
                table: "Letters");

            migrationBuilder.DropIndex(
                name: "IX_AuditEvents_ActorId_Sequence",
                table: "AuditEvents");

            migrationBuilder.DropIndex(
                name: "IX_AuditEvents_Sequence",
                table: "AuditEvents");

            migrationBuilder.DropColumn(
                name: "PurgedAt",
                table: "Letters");

            migrationBuilder.DropColumn(
                name: "Hash",
                table: "AuditEvents");

            migrationBuilder.DropColumn(
                name: "PreviousHash",
                table: "AuditEvents");

            migrationBuilder.DropColumn(
                name: "Sequence",
                table: "AuditEvents");
        }
    }
}
