using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PrivacyDesk.Web.Data.Migrations.Postgres
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
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ContentNeedsReview",
                table: "DecisionOutcomes",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<List<Guid>>(
                name: "ProvisionRecordIds",
                table: "DecisionOutcomes",
                type: "uuid[]",
                nullable: false);

            // The shared text moves to content per kind before its column goes (ADR 0020).
            migrationBuilder.Sql(ContentPerKindBackfill.Sql(ContentPerKindBackfill.Provider.Postgres));

            migrationBuilder.DropColumn(
                name: "DisclosedContent",
                table: "Decisions");

            migrationBuilder.CreateTable(
                name: "ProvisionRecords",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Direction = table.Column<int>(type: "integer", nullable: false),
                    ProvidedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ProvidedUntil = table.Column<DateOnly>(type: "date", nullable: true),
                    CounterpartyName = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    CounterpartyAddress = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    CounterpartyRepresentative = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    MemberNumber = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    PersonName = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    PersonKana = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    SearchKana = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    PersonBirthDate = table.Column<DateOnly>(type: "date", nullable: true),
                    DataItems = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Basis = table.Column<int>(type: "integer", nullable: false),
                    Acquisition = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    ContractDocument = table.Column<bool>(type: "boolean", nullable: false),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    RowKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ImportId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PurgedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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
                type: "text",
                nullable: true);
        }
    }
}
