import { PageHeader } from "@/components/ui";
import { UploadForm } from "@/components/upload-form";

export const metadata = { title: "Upload" };

export default function UploadPage() {
  return (
    <div>
      <PageHeader
        title="Upload a snapshot"
        subtitle="Secret values are dropped while parsing: only names, types and annotations are kept. Invalid input stores nothing."
      />
      <UploadForm />
    </div>
  );
}
