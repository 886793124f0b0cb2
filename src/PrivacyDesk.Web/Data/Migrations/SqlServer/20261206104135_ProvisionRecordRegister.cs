using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PrivacyDesk.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ProvisionRecordRegister : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Content",
                table: "DecisionOutcomes",
                type: "nvarchar(max)",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ContentNeedsReview",
                table: "DecisionOutcomes",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "ProvisionRecordIds",
                table: "DecisionOutcomes",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "[]");

            // The shared text moves to content per kind before its column goes (ADR 0020).
            migrationBuilder.Sql(SqlServerBatch.Exec(ContentPerKindBackfill.Sql(ContentPerKindBackfill.Provider.SqlServer)));

            migrationBuilder.DropColumn(
                name: "DisclosedContent",
                table: "Decisions");

            migrationBuilder.CreateTable(
                name: "ProvisionRecords",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Direction = table.Column<int>(type: "int", nullable: false),
                    ProvidedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ProvidedUntil = table.Column<DateOnly>(type: "date", nullable: true),
                    CounterpartyName = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    CounterpartyAddress = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true),
                    CounterpartyRepresentative = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true),
                    MemberNumber = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    PersonName = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    PersonKana = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    SearchKana = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    PersonBirthDate = table.Column<DateOnly>(type: "date", nullable: true),
                    DataItems = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    Basis = table.Column<int>(type: "int", nullable: false),
                    Acquisition = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true),
                    ContractDocument = table.Column<bool>(type: "bit", nullable: false),
                    Note = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    RowKey = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    ImportId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RecordedBy = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    PurgedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProvisionRecords", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DecisionOutcomes_ContentNeedsReview",
                table: "DecisionOutcomes",
                column: "ContentNeedsReview");

            migrationBuilder.CreateIndex(
                name: "IX_ProvisionRecords_MemberNumber",
                table: "ProvisionRecords",
                column: "MemberNumber");

            migrationBuilder.CreateIndex(
                name: "IX_ProvisionRecords_PurgedAt_ProvidedOn",
                table: "ProvisionRecords",
                columns: new[] { "PurgedAt", "ProvidedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ProvisionRecords_RowKey",
                table: "ProvisionRecords",
                column: "RowKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProvisionRecords_SearchKana_PersonBirthDate",
                table: "ProvisionRecords",
                columns: new[] { "SearchKana", "PersonBirthDate" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ProvisionRecords");

            migrationBuilder.DropIndex(
                name: "IX_DecisionOutcomes_ContentNeedsReview",
                table: "DecisionOutcomes");

            migrationBuilder.DropColumn(
                name: "Content",
                table: "DecisionOutcomes");

            migrationBuilder.DropColumn(
                name: "ContentNeedsReview",
                table: "DecisionOutcomes");

            migrationBuilder.DropColumn(
                name: "ProvisionRecordIds",
                table: "DecisionOutcomes");

            migrationBuilder.AddColumn<string>(
                name: "DisclosedContent",
                table: "Decisions",
                type: "nvarchar(max)",
                nullable: true);
        }
    }
}
