import { Studio } from "@/components/studio/studio";
import { pagePerson } from "@/lib/server/page-person";
import { studioProps } from "@/lib/server/studio-page";

/**
 * /p/<id> with no picture to show (unknown, deleted, not the person's to
 * see: all alike): the studio's gallery with a notice, answered with 404.
 * The page signed the person in before it looked.
 */
export default async function PictureNotFound() {
  const user = await pagePerson();
  return <Studio {...await studioProps(user, {})} pictureMissing />;
}
