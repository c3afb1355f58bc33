import "server-only";
export { addToBoard, createBoard, deleteBoard, getBoard, listBoards, removeFromBoard, toBoard, updateBoard } from "./boards";
export { mayManageBoard, maySeeBoard, mustManageBoard, mustSeeBoard } from "./access";
